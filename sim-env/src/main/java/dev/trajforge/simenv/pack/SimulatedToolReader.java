package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.state.EntitySchemas;
import dev.trajforge.simenv.tools.OutputSchema;
import dev.trajforge.simenv.tools.SimulationHints;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolKind;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.Map;
import java.util.Set;

/** Reads what a simulated tool adds to a tool entry of {@code tools.yaml}: its {@code output} schema and its {@code simulation} hints. */
final class SimulatedToolReader {
    private static final Set<String> HINT_KEYS = Set.of("collection", "action", "key", "items");

    private SimulatedToolReader() {
    }

    /** @return the tool, or null when the entry has problems (each added to {@code problems}) */
    static SimulatedTool read(PackNode node, String name, String description, PackNode parameters, ToolKind kind, ToolSide side,
                              Map<String, PackCollections.Collection> collections, PackProblems problems) {
        int before = problems.size();
        OutputSchema output = output(node.get("output"), problems);
        SimulationHints hints = hints(node.get("simulation"), parameters.value(), kind, collections, problems);
        if (problems.size() > before || name == null || !parameters.value().isObject()) return null;
        try {
            return new SimulatedTool(new ToolDef(name, description, (ObjectNode) parameters.value(), kind, side), output, hints);
        } catch (IllegalArgumentException e) {
            problems.add(node.problem(e.getMessage()));
            return null;
        }
    }

    private static OutputSchema output(PackNode node, PackProblems problems) {
        if (!node.present()) return null;
        if (!node.value().isObject()) {
            problems.add(node.problem("must be a JSON Schema (an object)"));
            return null;
        }
        var broken = EntitySchemas.schemaProblems(node.value());
        for (String problem : broken) problems.add(node.problem("not a valid JSON Schema: " + problem));
        if (!broken.isEmpty()) return null;
        try {
            return new OutputSchema(node.value());
        } catch (RuntimeException e) { // a $ref that leads nowhere
            problems.add(node.problem("cannot be compiled: " + e.getMessage()));
            return null;
        }
    }

    private static SimulationHints hints(PackNode node, JsonNode parameters, ToolKind kind, Map<String, PackCollections.Collection> collections,
                                         PackProblems problems) {
        if (!node.present()) return SimulationHints.none();
        node.onlyKeys(HINT_KEYS, problems);
        String collection = node.get("collection").text(problems);
        if (collection != null && !collections.containsKey(collection)) {
            problems.add(node.get("collection").problem("no collection '" + collection + "' in domain.yaml (known: " + String.join(", ", collections.keySet()) + ")"));
        }
        SimulationHints.Action action = ToolsReader.choice(node.get("action"), SimulationHints.Action.class, SimulationHints.Action.OTHER, problems);
        if (action.reads() && kind == ToolKind.WRITE) problems.add(node.get("action").problem("a write tool cannot " + action.label() + " (make it kind: read)"));
        if (!action.reads() && action != SimulationHints.Action.OTHER && kind != ToolKind.WRITE) {
            problems.add(node.get("action").problem("only a write tool can " + action.label() + " (this one is " + kind.name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        String key = argument(node.get("key"), parameters, problems);
        String items = argument(node.get("items"), parameters, problems);
        try {
            return new SimulationHints(collection, action, key, items);
        } catch (IllegalArgumentException e) {
            problems.add(node.problem(e.getMessage()));
            return SimulationHints.none();
        }
    }

    private static String argument(PackNode node, JsonNode parameters, PackProblems problems) {
        String argument = node.text(problems);
        if (argument != null && !parameters.path("properties").has(argument)) {
            problems.add(node.problem("no parameter '" + argument + "' in this tool's parameters"));
        }
        return argument;
    }
}
