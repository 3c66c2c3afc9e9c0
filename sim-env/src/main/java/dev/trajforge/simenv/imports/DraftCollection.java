package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entity collection of a drafted pack: its name, key field (a string or integer field), JSON Schema,
 * the format of the ids tools create ({@code "P{seq:4}"}, or null: keys come from the arguments) and its seed
 * entities (written to {@code data/<name>.json}). Every seed entity carries its key, and keys are unique.
 */
public record DraftCollection(String name, String key, ObjectNode schema, String newIds, List<ObjectNode> seed) {
    public DraftCollection {
        if (name == null || !PackDraft.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name must match " + PackDraft.NAME + ", got '" + name + "'");
        }
        Drafts.requireText(key, "collection " + name + ": key field");
        Objects.requireNonNull(schema, "collection " + name + ": schema");
        if (!"object".equals(schema.path("type").asText())) throw new IllegalArgumentException("collection " + name + ": the schema must be of type object");
        schema = schema.deepCopy();
        if (newIds != null && !newIds.matches("[^{}]*\\{seq:[1-9][0-9]?}[^{}]*")) {
            throw new IllegalArgumentException("collection " + name + ": new_ids must look like \"R{seq:6}\", got \"" + newIds + "\"");
        }
        List<ObjectNode> copies = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (ObjectNode entity : seed) {
            JsonNode value = entity.get(key);
            if (value == null || !(value.isTextual() || value.canConvertToExactIntegral())) {
                throw new IllegalArgumentException("collection " + name + ": seed entity " + entity + " has no string or integer '" + key + "'");
            }
            if (!keys.add(value.asText())) throw new IllegalArgumentException("collection " + name + ": two seed entities with key " + value.asText());
            copies.add(entity.deepCopy());
        }
        seed = List.copyOf(copies);
    }

    @Override
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /** The same collection with other seed entities. */
    public DraftCollection withSeed(List<ObjectNode> entities) {
        return new DraftCollection(name, key, schema, newIds, entities);
    }
}
