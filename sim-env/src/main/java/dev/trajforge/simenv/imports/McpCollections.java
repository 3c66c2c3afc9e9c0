package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity collections of an MCP server's tools: an output schema that is an entity with a key (or a list of them,
 * or an object holding one such list) gives a collection named after the tool's last word; a list argument whose
 * items carry a key ({@code id}, {@code uuid}, {@code key}, {@code ...Id}, else {@code name}) gives one named after
 * the argument ({@code entities[].name}).
 */
final class McpCollections {
    private McpCollections() {
    }

    static List<DraftCollection> of(JsonNode tools, List<OpenApiHints.Found> found, ImportReport.Builder report) {
        Map<String, DraftCollection> collections = new LinkedHashMap<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText("");
            JsonNode input = tool.path("inputSchema");
            input.path("properties").fields().forEachRemaining(argument -> {
                JsonNode schema = SchemaConversion.within(input).convert(argument.getValue());
                if ("array".equals(SchemaValues.type(schema)) && schema.path("items").path("properties").size() > 0) {
                    add(argument.getKey(), (ObjectNode) schema.get("items"), collections, found);
                }
            });
            JsonNode output = tool.path("outputSchema");
            if (output.isObject()) {
                ObjectNode converted = SchemaConversion.within(output).convert(output);
                List<String> words = McpHints.words(name);
                String noun = words.getLast();
                ObjectNode entity = entityIn(converted);
                if (entity != null) add(noun, entity, collections, found);
            }
        }
        if (collections.isEmpty()) report.note("no tool answers or takes entities with a key: the pack gets no entity collection from the tools");
        return new ArrayList<>(collections.values());
    }

    /** The entity an output is: itself, the items of it as a list, or of its one list property. */
    private static ObjectNode entityIn(ObjectNode output) {
        if ("array".equals(SchemaValues.type(output)) && output.path("items").isObject()) return (ObjectNode) output.get("items");
        List<JsonNode> lists = new ArrayList<>();
        output.path("properties").forEach(p -> {
            if ("array".equals(SchemaValues.type(p)) && p.path("items").path("properties").size() > 0) lists.add(p.get("items"));
        });
        if (lists.size() == 1 && output.path("properties").size() <= 3) return (ObjectNode) lists.getFirst();
        return output.path("properties").size() > 0 ? output : null;
    }

    private static void add(String noun, ObjectNode schema, Map<String, DraftCollection> collections, List<OpenApiHints.Found> found) {
        String singular = noun.endsWith("ies") ? noun.substring(0, noun.length() - 3) + "y" : noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        String collection = EntityKeys.collectionName(singular);
        if (collections.containsKey(collection)) return;
        String key = EntityKeys.keyOf(schema, singular, List.of());
        if (key == null && EntityKeys.isKeyType(schema.path("properties").get("name"))) key = "name";
        if (key == null) return;
        collections.put(collection, new DraftCollection(collection, key, EntityKeys.entitySchema(schema, key), null, List.of()));
        found.add(new OpenApiHints.Found(singular, collection, key));
    }
}
