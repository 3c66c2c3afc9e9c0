package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.tools.ArgumentSchema;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.tools.ToolSchemaJson;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools of a pack in name order, each with its compiled argument schema and its LangChain4j specification; the agent's and the user's apart. */
final class PackTools {
    record Entry(PackTool tool, ArgumentSchema schema) {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final List<ToolSpecification> specifications;
    private final List<ToolSpecification> userSpecifications;
    private final List<ToolDef> definitions;
    private final String toolsJson;
    private final String userToolsJson;

    PackTools(List<PackTool> tools) {
        List<PackTool> sorted = new ArrayList<>(tools);
        sorted.sort(Comparator.comparing(t -> t.definition().name()));
        List<ToolSpecification> specs = new ArrayList<>();
        List<ToolSpecification> userSpecs = new ArrayList<>();
        List<ToolDef> defs = new ArrayList<>();
        for (PackTool tool : sorted) {
            ToolDef def = tool.definition();
            byName.put(def.name(), new Entry(tool, new ArgumentSchema(def.parameters())));
            (def.side() == ToolSide.USER ? userSpecs : specs).add(specification(def));
            defs.add(def);
        }
        this.specifications = List.copyOf(specs);
        this.userSpecifications = List.copyOf(userSpecs);
        this.definitions = List.copyOf(defs);
        this.toolsJson = ToolSchemaJson.definitionsToOpenAiJson(definitions.stream().filter(d -> d.side() == ToolSide.AGENT).toList());
        this.userToolsJson = ToolSchemaJson.definitionsToOpenAiJson(definitions.stream().filter(d -> d.side() == ToolSide.USER).toList());
    }

    /** The definition as LangChain4j's tool specification (what a provider sends to a model). */
    static ToolSpecification specification(ToolDef def) {
        Map<String, Object> schema = CanonicalJson.mapper().convertValue(def.parameters(), new TypeReference<Map<String, Object>>() { });
        JsonObjectSchema parameters = (JsonObjectSchema) JsonSchemaElementJsonUtils.fromMap(schema);
        return ToolSpecification.builder().name(def.name()).description(def.description()).parameters(parameters).build();
    }

    Entry get(String name) {
        return byName.get(name);
    }

    /** Whether any tool is answered by a simulator. */
    boolean anySimulated() {
        return byName.values().stream().anyMatch(entry -> entry.tool() instanceof SimulatedTool);
    }

    /** Whether {@code name} is a write tool answered by a simulator. */
    boolean simulatedWrite(String name) {
        Entry entry = byName.get(name);
        return entry != null && entry.tool() instanceof SimulatedTool tool && tool.definition().kind() == dev.trajforge.simenv.tools.ToolKind.WRITE;
    }

    java.util.Set<String> names() {
        return byName.keySet();
    }

    /** The agent's tools. */
    List<ToolSpecification> specifications() {
        return specifications;
    }

    /** The tools on the user's side. */
    List<ToolSpecification> userSpecifications() {
        return userSpecifications;
    }

    String userToolsJson() {
        return userToolsJson;
    }

    List<ToolDef> definitions() {
        return definitions;
    }

    String toolsJson() {
        return toolsJson;
    }
}
