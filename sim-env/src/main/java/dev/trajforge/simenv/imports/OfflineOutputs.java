package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.tools.OutputSchema;
import dev.trajforge.simenv.tools.ScriptedToolSimulator;
import dev.trajforge.simenv.tools.SimulationHints;
import dev.trajforge.simenv.tools.SimulationRequest;
import dev.trajforge.simenv.tools.ToolDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a tool's output schema only where the offline simulator (the one {@code domains check} and task generation
 * use) can answer it: a call on the first seed entity is asked of the real {@link ScriptedToolSimulator} and its result
 * checked against the schema. An output schema that refuses it (a tool with action {@code other} is answered with the
 * state it was shown or {@code {"status": "ok"}}; a graph read answers a list where the schema wants an object of
 * two lists) would fail every such call offline, so it is left out and the report says so.
 */
final class OfflineOutputs {
    private OfflineOutputs() {
    }

    static List<DraftTool> answerable(ImportedApi api, Map<String, DraftCollection> collections, ImportReport.Builder report) {
        List<DraftTool> tools = new ArrayList<>();
        ScriptedToolSimulator simulator = new ScriptedToolSimulator(0);
        for (DraftTool tool : api.tools()) {
            if (tool.output() == null) {
                tools.add(tool);
                continue;
            }
            String problem;
            try {
                JsonNode reply = CanonicalJson.parseOrNull(simulator.answer(request(api, tool, collections)).text());
                boolean refused = reply != null && reply.hasNonNull("error"); // the tool's own failure says nothing of the output
                problem = refused ? null : new OutputSchema(tool.output()).validate(reply == null ? JsonNodeFactory.instance.nullNode() : reply.path("result")).orElse(null);
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                tools.add(tool);
            } else {
                report.note(tool.name() + ": output schema left out, the offline simulator cannot answer it (" + abbreviate(problem) + ")");
                tools.add(new DraftTool(tool.name(), tool.description(), tool.kind(), tool.side(), tool.parameters(), null, tool.simulation()));
            }
        }
        return tools;
    }

    private static SimulationRequest request(ImportedApi api, DraftTool tool, Map<String, DraftCollection> collections) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        ObjectNode schemas = JsonNodeFactory.instance.objectNode();
        for (DraftCollection collection : collections.values()) {
            if (tool.simulation().collection() != null && !tool.simulation().collection().equals(collection.name())) continue;
            ObjectNode part = state.putObject(collection.name());
            part.put("key_field", collection.key());
            part.put("size", collection.seed().size());
            ObjectNode entities = part.putObject("entities");
            collection.seed().forEach(entity -> entities.set(entity.get(collection.key()).asText(), entity));
            schemas.set(collection.name(), collection.schema());
        }
        DraftTool.Simulation hints = tool.simulation();
        SimulationHints simulation = new SimulationHints(hints.collection(), SimulationHints.Action.valueOf(hints.action().name()), hints.key(), hints.items());
        ToolDef definition = new ToolDef(tool.name(), tool.description(), tool.parameters(), tool.kind(), tool.side());
        DraftCollection collection = hints.collection() == null ? null : collections.get(hints.collection());
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        String newKey = null;
        if (collection != null && !collection.seed().isEmpty()) {
            ObjectNode first = collection.seed().getFirst();
            JsonNode key = first.get(collection.key());
            boolean integerKey = key.isIntegralNumber();
            long next = collection.seed().stream().mapToLong(e -> e.path(collection.key()).asLong()).max().orElse(0) + 1;
            newKey = integerKey ? Long.toString(next) : "new-" + next;
            if (hints.action() == DraftTool.Action.CREATE) {
                ObjectNode fresh = first.deepCopy();
                if (integerKey) fresh.put(collection.key(), next);
                else fresh.put(collection.key(), newKey);
                if (hints.items() != null) arguments.putArray(hints.items()).add(fresh);
                else fresh.fields().forEachRemaining(field -> {
                    if (tool.hasParameter(field.getKey())) arguments.set(field.getKey(), field.getValue());
                });
            } else if (hints.key() != null) {
                boolean list = "array".equals(SchemaValues.type(tool.parameters().path("properties").path(hints.key())));
                arguments.set(hints.key(), list ? JsonNodeFactory.instance.arrayNode().add(key) : key);
            }
        }
        return new SimulationRequest(api.title(), api.description(), definition, tool.output(), simulation, arguments, state, schemas, newKey, List.of(), 0);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
