package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The task templates of a pack ({@code tasks.yaml}), compiled: what is drawn once per task, and the intents. */
record TaskTemplates(Map<String, PackExpression> subject, PackExpression name, Map<String, PackTemplate> known,
                     double compoundShare, List<Intent> intents) {
    TaskTemplates {
        subject = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subject));
        known = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(known));
        intents = List.copyOf(intents);
        if (!(compoundShare >= 0 && compoundShare <= 1)) throw new IllegalArgumentException("compound_share must be in [0,1], got " + compoundShare);
    }

    record Intent(String name, double weight, Map<String, PackExpression> slots, PackExpression when, PackTemplate ask,
                  Map<String, PackTemplate> details, List<PackTemplate> unknown, List<Step> steps, List<PackExpression> facts,
                  List<Assertion> assertions, List<Rubric> rubric, Set<RewardBasis> rewardBasis, PackNode where) {
        Intent {
            slots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
            details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
            unknown = List.copyOf(unknown);
            steps = List.copyOf(steps);
            facts = List.copyOf(facts);
            assertions = List.copyOf(assertions);
            rubric = List.copyOf(rubric);
        }
    }

    /** A gold step: who calls which tool with which arguments (each an expression, or a literal), its result's name, its confirmation. */
    record Step(ToolSide by, String tool, Map<String, Object> args, String as, Boolean confirm, PackNode where) {
        Step {
            args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        }
    }

    /** {@code expect} is a template: its placeholders take the task's values, and what it renders to is the expression checked on the entity. */
    record Assertion(String collection, PackExpression key, PackTemplate expect, PackTemplate description, PackNode where) {
    }

    record Rubric(String name, PackTemplate text, double weight) {
    }
}
