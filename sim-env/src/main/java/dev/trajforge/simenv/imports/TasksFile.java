package dev.trajforge.simenv.imports;

import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tasks.yaml} of a drafted pack. A step's argument is written as its expression, or as its JSON value:
 * a string value as a JSONata string literal (text in tasks.yaml is an expression), any other value as YAML.
 */
final class TasksFile {
    private TasksFile() {
    }

    static Map<String, Object> of(PackDraft.TaskSetup setup, List<DraftIntent> intents) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!setup.subject().isEmpty()) out.put("subject", setup.subject());
        out.put("name", setup.userName());
        if (!setup.known().isEmpty()) out.put("known", setup.known());
        out.put("compound_share", setup.compoundShare());
        out.put("intents", intents.stream().map(TasksFile::intent).toList());
        return out;
    }

    private static Map<String, Object> intent(DraftIntent intent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", intent.name());
        if (intent.weight() != 1.0) out.put("weight", intent.weight());
        if (!intent.slots().isEmpty()) out.put("slots", intent.slots());
        if (intent.when() != null) out.put("when", intent.when());
        out.put("ask", intent.ask());
        if (!intent.details().isEmpty()) out.put("details", intent.details());
        if (!intent.steps().isEmpty()) out.put("steps", intent.steps().stream().map(TasksFile::step).toList());
        if (!intent.facts().isEmpty()) out.put("facts", intent.facts());
        if (!intent.assertions().isEmpty()) out.put("assertions", intent.assertions().stream().map(TasksFile::assertion).toList());
        if (!intent.rubric().isEmpty()) out.put("rubric", intent.rubric().stream().map(TasksFile::criterion).toList());
        out.put("reward_basis", intent.rewardBasisInOrder().stream().map(RewardBasis::wireName).toList());
        return out;
    }

    private static Map<String, Object> step(DraftIntent.Step step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", step.tool());
        if (step.by() != ToolSide.AGENT) out.put("by", step.by().wireName());
        Map<String, Object> args = new LinkedHashMap<>();
        step.args().forEach((name, argument) -> args.put(name, switch (argument) {
            case DraftIntent.Argument.Expression e -> e.text();
            case DraftIntent.Argument.Value v -> v.value().isTextual() ? Drafts.jsonataString(v.value().asText()) : v.value();
        }));
        if (!args.isEmpty()) out.put("args", args);
        if (step.as() != null) out.put("as", step.as());
        if (step.confirm() != null) out.put("confirm", step.confirm());
        return out;
    }

    private static Map<String, Object> assertion(DraftIntent.Assertion assertion) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("collection", assertion.collection());
        out.put("key", assertion.key());
        out.put("expect", assertion.expect());
        if (assertion.description() != null) out.put("description", assertion.description());
        return out;
    }

    private static Map<String, Object> criterion(Criterion criterion) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", criterion.name());
        out.put("text", criterion.text());
        if (criterion.weight() != 1.0) out.put("weight", criterion.weight());
        return out;
    }
}
