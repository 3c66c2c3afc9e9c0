package dev.trajforge.simenv.pack;

import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code tasks.yaml}: what is drawn per task and the intents, compiled, each gold step checked
 * against the tools (the tool exists, the caller's side matches, the arguments are parameters of it)
 * and each assertion against the collections.
 */
final class TasksReader {
    private static final Set<String> ROOT_KEYS = Set.of("subject", "name", "known", "compound_share", "intents");
    private static final Set<String> INTENT_KEYS = Set.of("name", "weight", "slots", "when", "ask", "details", "unknown", "steps", "facts",
            "assertions", "rubric", "reward_basis");
    private static final Set<String> STEP_KEYS = Set.of("tool", "args", "as", "by", "confirm");

    private TasksReader() {
    }

    /** @param declared every tool name written in tools.yaml, including tools that have problems of their own */
    static TaskTemplates read(PackNode root, Map<String, ToolDef> tools, Set<String> declared, Set<String> collections, PackProblems problems) {
        root.onlyKeys(ROOT_KEYS, problems);
        int before = problems.size();
        Map<String, PackExpression> subject = expressions(root.get("subject"), problems);
        PackExpression name = PackExpression.compile(root.required("name", problems), problems);
        Map<String, PackTemplate> known = templates(root.get("known"), problems);
        double compoundShare = root.get("compound_share").number(0.0, problems);
        if (!(compoundShare >= 0 && compoundShare <= 1)) problems.add(root.get("compound_share").problem("must be in [0, 1]"));
        List<TaskTemplates.Intent> intents = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<PackNode> items = root.required("intents", problems).items(problems);
        for (PackNode node : items) {
            TaskTemplates.Intent intent = intent(node, tools, declared, collections, problems);
            if (intent != null && !names.add(intent.name())) problems.add(node.get("name").problem("a second intent named '" + intent.name() + "'"));
            else if (intent != null) intents.add(intent);
        }
        if (items.isEmpty() && root.get("intents").present()) problems.add(root.get("intents").problem("a domain needs at least one intent"));
        if (problems.size() > before || name == null) return null;
        return new TaskTemplates(subject, name, known, compoundShare, intents);
    }

    private static TaskTemplates.Intent intent(PackNode node, Map<String, ToolDef> tools, Set<String> declared, Set<String> collections,
                                               PackProblems problems) {
        node.onlyKeys(INTENT_KEYS, problems);
        int before = problems.size();
        String name = node.required("name", problems).text(problems);
        double weight = node.get("weight").number(1.0, problems);
        if (!(weight > 0)) problems.add(node.get("weight").problem("must be > 0"));
        Map<String, PackExpression> slots = expressions(node.get("slots"), problems);
        PackExpression when = node.get("when").present() ? PackExpression.compile(node.get("when"), problems) : null;
        PackTemplate ask = PackTemplate.compile(node.required("ask", problems), problems);
        Map<String, PackTemplate> details = templates(node.get("details"), problems);
        List<PackTemplate> unknown = new ArrayList<>();
        for (PackNode item : node.get("unknown").items(problems)) unknown.add(PackTemplate.compile(item, problems));
        List<TaskTemplates.Step> steps = new ArrayList<>();
        for (PackNode step : node.get("steps").items(problems)) steps.add(step(step, tools, declared, problems));
        List<PackExpression> facts = new ArrayList<>();
        for (PackNode fact : node.get("facts").items(problems)) facts.add(PackExpression.compile(fact, problems));
        if (steps.isEmpty() && facts.isEmpty()) problems.add(node.problem("an intent needs steps or facts: a do-nothing agent would pass it"));
        List<TaskTemplates.Assertion> assertions = new ArrayList<>();
        for (PackNode item : node.get("assertions").items(problems)) {
            item.onlyKeys(Set.of("collection", "key", "expect", "description"), problems);
            String collection = item.required("collection", problems).text(problems);
            if (collection != null && !collections.contains(collection)) problems.add(item.get("collection").problem("no collection '" + collection + "' (known: " + collections + ")"));
            assertions.add(new TaskTemplates.Assertion(collection, PackExpression.compile(item.required("key", problems), problems),
                    PackTemplate.compile(item.required("expect", problems), problems),
                    item.get("description").present() ? PackTemplate.compile(item.get("description"), problems) : null, item.get("expect")));
        }
        List<TaskTemplates.Rubric> rubric = new ArrayList<>();
        for (PackNode item : node.get("rubric").items(problems)) {
            item.onlyKeys(Set.of("name", "text", "weight"), problems);
            rubric.add(new TaskTemplates.Rubric(item.required("name", problems).text("criterion", problems),
                    PackTemplate.compile(item.required("text", problems), problems), item.get("weight").number(1.0, problems)));
        }
        Set<RewardBasis> basis = EnumSet.noneOf(RewardBasis.class);
        for (PackNode item : node.get("reward_basis").items(problems)) basis.add(ToolsReader.choice(item, RewardBasis.class, RewardBasis.STATE, problems));
        if (!node.get("reward_basis").present()) basis.addAll(RewardBasis.ALL);
        else if (basis.isEmpty()) problems.add(node.get("reward_basis").problem("names no check"));
        if (basis.contains(RewardBasis.ASSERTIONS) && assertions.isEmpty()) problems.add(node.get("reward_basis").problem("names assertions, but the intent has none"));
        if (problems.size() > before) return null;
        return new TaskTemplates.Intent(name, weight, slots, when, ask, details, unknown, steps, facts, assertions, rubric, basis, node);
    }

    private static TaskTemplates.Step step(PackNode node, Map<String, ToolDef> tools, Set<String> declared, PackProblems problems) {
        node.onlyKeys(STEP_KEYS, problems);
        String tool = node.required("tool", problems).text(problems);
        ToolSide by = ToolsReader.choice(node.get("by"), ToolSide.class, ToolSide.AGENT, problems);
        ToolDef def = tool == null ? null : tools.get(tool);
        if (tool != null && def == null && !declared.contains(tool)) problems.add(node.get("tool").problem("unknown tool '" + tool + "' (tools: " + String.join(", ", new java.util.TreeSet<>(tools.keySet())) + ")"));
        if (def != null && def.side() != by) problems.add(node.get("by").problem("tool '" + tool + "' is a " + def.side().wireName() + "-side tool, so the step must be by " + def.side().wireName()));
        Map<String, Object> args = new LinkedHashMap<>();
        node.get("args").entries(problems).forEach((argument, value) -> {
            if (def != null && !def.parameters().path("properties").has(argument)) {
                problems.add(value.problem("tool '" + tool + "' has no parameter '" + argument + "'"));
            }
            args.put(argument, value.value().isTextual() ? PackExpression.compile(value, problems) : PackValues.fromNode(value.value()));
        });
        String as = node.get("as").text(problems);
        Boolean confirm = node.get("confirm").present() ? node.get("confirm").bool(true, problems) : null;
        return new TaskTemplates.Step(by, tool, args, as, confirm, node);
    }

    private static Map<String, PackExpression> expressions(PackNode node, PackProblems problems) {
        Map<String, PackExpression> out = new LinkedHashMap<>();
        node.entries(problems).forEach((key, value) -> out.put(key, PackExpression.compile(value, problems)));
        return out;
    }

    private static Map<String, PackTemplate> templates(PackNode node, PackProblems problems) {
        Map<String, PackTemplate> out = new LinkedHashMap<>();
        node.entries(problems).forEach((key, value) -> out.put(key, PackTemplate.compile(value, problems)));
        return out;
    }
}
