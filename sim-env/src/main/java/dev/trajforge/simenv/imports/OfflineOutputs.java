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
 * use) can answer it. A tool with action {@code other} is answered with the state it was shown (a read) or a plain
 * {@code {"status": "ok"}} (a write); an output schema that refuses that answer would fail every call offline, so it
 * is left out and the report says so. Asked of the real {@link ScriptedToolSimulator}, so the rule follows it.
 */
final class OfflineOutputs {
    private OfflineOutputs() {
    }

    static List<DraftTool> answerable(ImportedApi api, Map<String, DraftCollection> collections, ImportReport.Builder report) {
        List<DraftTool> tools = new ArrayList<>();
        ScriptedToolSimulator simulator = new ScriptedToolSimulator(0);
        for (DraftTool tool : api.tools()) {
            if (tool.output() == null || tool.simulation().action() != DraftTool.Action.OTHER) {
                tools.add(tool);
                continue;
            }
            String problem;
            try {
                JsonNode reply = CanonicalJson.parseOrNull(simulator.answer(request(api, tool, collections)));
                problem = new OutputSchema(tool.output()).validate(reply == null ? JsonNodeFactory.instance.nullNode() : reply.path("result")).orElse(null);
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
        SimulationHints hints = new SimulationHints(tool.simulation().collection(), SimulationHints.Action.OTHER, null, null);
        ToolDef definition = new ToolDef(tool.name(), tool.description(), tool.parameters(), tool.kind(), tool.side());
        return new SimulationRequest(api.title(), api.description(), definition, tool.output(), hints, JsonNodeFactory.instance.objectNode(), state,
                schemas, null, List.of(), 0);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
