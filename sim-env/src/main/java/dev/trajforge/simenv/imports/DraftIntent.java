package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One kind of request users bring to a drafted pack (an intent of tasks.yaml): slots drawn per task
 * (JSONata expressions, in order), an optional {@code when}, the request ({@code ask}, a template), the details
 * the user gives when asked (topic to template; a topic named as a tool argument is what the scripted agent asks
 * for), the gold plan, the facts the agent must tell (expressions over the slots and the steps' results), state
 * assertions, rubric criteria (their text a template), the reward basis and, optionally, what the scripted agent
 * says when done ({@code {fact0}}, {@code {facts}} and the last call's arguments are its placeholders).
 */
public record DraftIntent(String name, double weight, Map<String, String> slots, String when, String ask, Map<String, String> details,
                          List<Step> steps, List<String> facts, List<Assertion> assertions, List<Criterion> rubric,
                          Set<RewardBasis> rewardBasis, String done) {

    /** A gold step: who calls which tool with which arguments, the name its result is seen by, and whether it is confirmed first. */
    public record Step(ToolSide by, String tool, Map<String, Argument> args, String as, Boolean confirm) {
        public Step {
            by = by == null ? ToolSide.AGENT : by;
            Drafts.requireText(tool, "step tool");
            args = Drafts.orderedCopy(args, "step " + tool + ": argument");
            if (as != null && !as.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("step " + tool + ": 'as' must be a name, got '" + as + "'");
        }

        /** An agent's step whose confirmation follows the pack's rule. */
        public static Step of(String tool, Map<String, Argument> args, String as) {
            return new Step(ToolSide.AGENT, tool, args, as, null);
        }
    }

    /** A gold step's argument: a JSONata expression over the slots and earlier results, or a JSON value as it is. */
    public sealed interface Argument {
        record Expression(String text) implements Argument {
            public Expression {
                Drafts.requireText(text, "argument expression");
            }
        }

        record Value(JsonNode value) implements Argument {
            public Value {
                Objects.requireNonNull(value, "argument value");
                if (value.isNull() || value.isMissingNode()) throw new IllegalArgumentException("an argument value cannot be null");
                value = value.deepCopy();
            }
        }

        static Argument expression(String jsonata) {
            return new Expression(jsonata);
        }

        static Argument value(JsonNode json) {
            return new Value(json);
        }
    }

    /** An expectation on the final state: the entity of {@code collection} under {@code key} (an expression) satisfies {@code expect} (a template). */
    public record Assertion(String collection, String key, String expect, String description) {
        public Assertion {
            Drafts.requireText(collection, "assertion collection");
            Drafts.requireText(key, "assertion key");
            Drafts.requireText(expect, "assertion expect");
        }
    }

    public DraftIntent {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("intent name must match [A-Za-z0-9_-]{1,64}, got '" + name + "'");
        if (!(weight > 0)) throw new IllegalArgumentException("intent " + name + ": weight must be > 0, got " + weight);
        slots = Drafts.orderedCopy(slots, "intent " + name + ": slot");
        Drafts.requireText(ask, "intent " + name + ": ask");
        details = Drafts.orderedCopy(details, "intent " + name + ": detail");
        steps = List.copyOf(steps);
        facts = List.copyOf(facts);
        assertions = List.copyOf(assertions);
        rubric = List.copyOf(rubric);
        rewardBasis = rewardBasis == null || rewardBasis.isEmpty() ? Set.copyOf(RewardBasis.ALL) : Set.copyOf(rewardBasis);
        if (steps.isEmpty() && facts.isEmpty()) throw new IllegalArgumentException("intent " + name + " needs steps or facts: a do-nothing agent would pass it");
        if (rewardBasis.contains(RewardBasis.ASSERTIONS) && assertions.isEmpty()) {
            throw new IllegalArgumentException("intent " + name + ": the reward basis names assertions, but the intent has none");
        }
        for (RewardBasis basis : rewardBasis) Objects.requireNonNull(basis, "intent " + name + ": reward basis");
    }

    /** The reward basis in declaration order (for writing). */
    public List<RewardBasis> rewardBasisInOrder() {
        return List.copyOf(EnumSet.copyOf(rewardBasis));
    }

    /** Checks the gold steps and assertions against the pack's tools and collections. */
    void checkAgainst(List<DraftTool> tools, Set<String> collections) {
        for (Step step : steps) {
            DraftTool tool = tools.stream().filter(t -> t.name().equals(step.tool())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("intent " + name + ": a step calls unknown tool '" + step.tool() + "'"));
            if (tool.side() != step.by()) {
                throw new IllegalArgumentException("intent " + name + ": tool " + tool.name() + " is a " + tool.side().wireName() + "-side tool, so its step must be by " + tool.side().wireName());
            }
            for (String argument : step.args().keySet()) {
                if (!tool.hasParameter(argument)) throw new IllegalArgumentException("intent " + name + ": tool " + tool.name() + " has no parameter '" + argument + "'");
            }
        }
        for (Assertion assertion : assertions) {
            if (!collections.contains(assertion.collection())) {
                throw new IllegalArgumentException("intent " + name + ": an assertion names unknown collection '" + assertion.collection() + "'");
            }
        }
    }
}
