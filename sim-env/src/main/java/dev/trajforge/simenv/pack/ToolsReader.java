package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.state.EntitySchemas;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@code tools.yaml}: every tool's definition and its declarative implementation, compiled. */
final class ToolsReader {
    private static final Set<String> TOOL_KEYS = Set.of("name", "kind", "side", "description", "parameters", "let", "require", "effects", "returns",
            "implementation", "output", "simulation");
    private static final Set<String> DECLARATIVE_KEYS = Set.of("let", "require", "effects", "returns");
    private static final Set<String> EFFECT_KEYS = Set.of("op", "path", "from", "value", "foreach");
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "test");

    private ToolsReader() {
    }

    /** @param declared receives the name of every tool written, the broken ones too (so gold steps naming them are not reported again) */
    static List<PackTool> read(PackNode root, Set<String> declared, Map<String, PackCollections.Collection> collections, PackProblems problems) {
        root.onlyKeys(Set.of("tools"), problems);
        List<PackTool> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<PackNode> items = root.required("tools", problems).items(problems);
        if (items.isEmpty() && root.get("tools").present()) problems.add(root.get("tools").problem("a domain needs at least one tool"));
        for (PackNode node : items) {
            if (node.get("name").value().isTextual()) declared.add(node.get("name").value().asText());
            PackTool tool = tool(node, collections, problems);
            if (tool == null) continue;
            if (!names.add(tool.definition().name())) problems.add(node.get("name").problem("a second tool named '" + tool.definition().name() + "'"));
            else tools.add(tool);
        }
        return tools;
    }

    private static PackTool tool(PackNode node, Map<String, PackCollections.Collection> collections, PackProblems problems) {
        node.onlyKeys(TOOL_KEYS, problems);
        int before = problems.size();
        String name = node.required("name", problems).text(problems);
        int beforeKind = problems.size();
        ToolKind kind = choice(node.required("kind", problems), ToolKind.class, ToolKind.READ, problems);
        boolean kindKnown = problems.size() == beforeKind;
        ToolSide side = choice(node.get("side"), ToolSide.class, ToolSide.AGENT, problems);
        String description = node.required("description", problems).text("", problems);
        PackNode parameters = node.required("parameters", problems);
        if (parameters.present()) {
            if (!parameters.value().isObject() || !"object".equals(parameters.value().path("type").asText())) {
                problems.add(parameters.problem("must be a JSON Schema of type object"));
            } else {
                for (String problem : EntitySchemas.schemaProblems(parameters.value())) problems.add(parameters.problem("not a valid JSON Schema: " + problem));
            }
        }
        String implementation = node.get("implementation").text("declarative", problems);
        if ("simulated".equals(implementation)) {
            for (String key : DECLARATIVE_KEYS) {
                if (node.get(key).present()) problems.add(node.get(key).problem("a simulated tool has no " + key + ": its simulator answers it"));
            }
            SimulatedTool tool = SimulatedToolReader.read(node, name, description, parameters, kind, side, collections, problems);
            return problems.size() > before ? null : tool;
        }
        if (!"declarative".equals(implementation)) problems.add(node.get("implementation").problem("must be declarative or simulated, got '" + implementation + "'"));
        for (String key : List.of("output", "simulation")) {
            if (node.get(key).present()) problems.add(node.get(key).problem("only a simulated tool has " + key));
        }
        Map<String, PackExpression> let = new LinkedHashMap<>();
        node.get("let").entries(problems).forEach((key, value) -> let.put(key, PackExpression.compile(value, problems)));
        List<DeclarativeTool.Requirement> require = new ArrayList<>();
        for (PackNode requirement : node.get("require").items(problems)) {
            requirement.onlyKeys(Set.of("check", "error"), problems);
            require.add(new DeclarativeTool.Requirement(PackExpression.compile(requirement.required("check", problems), problems),
                    PackTemplate.compile(requirement.required("error", problems), problems)));
        }
        List<DeclarativeTool.Effect> effects = new ArrayList<>();
        for (PackNode effect : node.get("effects").items(problems)) effects.add(effect(effect, problems));
        if (!effects.isEmpty() && kindKnown && kind != ToolKind.WRITE) problems.add(node.get("effects").problem("only a write tool may have effects (this one is " + kind.name().toLowerCase(Locale.ROOT) + ")"));
        PackExpression returns = node.get("returns").present() ? PackExpression.compile(node.get("returns"), problems) : null;
        if (problems.size() > before || name == null) return null;
        try {
            ToolDef def = new ToolDef(name, description, (ObjectNode) parameters.value(), kind, side);
            return new DeclarativeTool(def, let, require, effects, returns);
        } catch (IllegalArgumentException e) {
            problems.add(node.problem(e.getMessage()));
            return null;
        }
    }

    private static DeclarativeTool.Effect effect(PackNode node, PackProblems problems) {
        node.onlyKeys(EFFECT_KEYS, problems);
        String op = node.required("op", problems).text(problems);
        if (op != null && !OPS.contains(op)) problems.add(node.get("op").problem("must be one of " + new java.util.TreeSet<>(OPS) + " (move and copy across entities are not supported), got '" + op + "'"));
        PackTemplate path = PackTemplate.compile(node.required("path", problems), problems);
        PackTemplate from = node.get("from").present() ? PackTemplate.compile(node.get("from"), problems) : null;
        PackNode value = node.get("value");
        boolean needsValue = "add".equals(op) || "replace".equals(op) || "test".equals(op);
        if (needsValue && !node.value().has("value")) problems.add(node.problem("op '" + op + "' needs a value"));
        PackExpression expression = value.present() && value.value().isTextual() ? PackExpression.compile(value, problems) : null;
        Object literal = value.present() && !value.value().isTextual() ? PackValues.fromNode(value.value()) : null;
        PackExpression foreach = node.get("foreach").present() ? PackExpression.compile(node.get("foreach"), problems) : null;
        return new DeclarativeTool.Effect(op, path, from, expression, literal, foreach);
    }

    static <E extends Enum<E>> E choice(PackNode node, Class<E> type, E fallback, PackProblems problems) {
        String text = node.text(problems);
        if (text == null) return fallback;
        for (E constant : type.getEnumConstants()) if (constant.name().equalsIgnoreCase(text)) return constant;
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) allowed.add(constant.name().toLowerCase(Locale.ROOT));
        problems.add(node.problem("must be one of " + allowed + ", got '" + text + "'"));
        return fallback;
    }
}
