package dev.trajforge.simenv.imports;

import dev.trajforge.simenv.tools.ToolSide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tools.yaml} of a drafted pack: every tool {@code implementation: simulated}, with its output schema and simulation hints. */
final class ToolsFile {
    private ToolsFile() {
    }

    static Map<String, Object> of(List<DraftTool> tools) {
        return Map.of("tools", tools.stream().map(ToolsFile::tool).toList());
    }

    private static Map<String, Object> tool(DraftTool tool) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", tool.name());
        out.put("kind", tool.kind().wireName());
        if (tool.side() != ToolSide.AGENT) out.put("side", tool.side().wireName());
        out.put("description", tool.description().isEmpty() ? tool.name() : tool.description());
        out.put("implementation", "simulated");
        out.put("parameters", tool.parameters());
        if (tool.output() != null) out.put("output", tool.output());
        Map<String, Object> simulation = new LinkedHashMap<>();
        DraftTool.Simulation hints = tool.simulation();
        if (hints.collection() != null) simulation.put("collection", hints.collection());
        simulation.put("action", hints.action().wireName());
        if (hints.key() != null) simulation.put("key", hints.key());
        if (hints.items() != null) simulation.put("items", hints.items());
        out.put("simulation", simulation);
        return out;
    }
}
