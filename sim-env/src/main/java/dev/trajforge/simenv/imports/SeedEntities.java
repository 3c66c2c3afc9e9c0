package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.state.EntitySchemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed entities of an imported collection, drawn from its schema ({@link SchemaValues}) and the import seed:
 * the i-th entity from its own stream, integer keys numbered from 1 (or the key's minimum), string keys made unique.
 * Each entity is checked against the schema; an optional field that breaks it is left out, and a collection whose
 * entities cannot be made valid is an {@link ImportException} naming it.
 */
final class SeedEntities {
    private final SchemaValues values;
    private final long seed;

    SeedEntities(SchemaValues values, long seed) {
        this.values = values;
        this.seed = seed;
    }

    List<ObjectNode> draw(DraftCollection collection, int count) {
        EntitySchemas schemas = EntitySchemas.of(Map.of(collection.name(), collection.schema()));
        JsonNode schema = collection.schema();
        JsonNode keySchema = schema.path("properties").path(collection.key());
        boolean integerKey = "integer".equals(SchemaValues.type(keySchema));
        List<ObjectNode> entities = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            var rng = Seeds.random(seed, "import", collection.name(), Integer.toString(i));
            ObjectNode entity = (ObjectNode) values.value(schema, collection.name(), rng);
            if (integerKey) entity.put(collection.key(), keySchema.path("minimum").asLong(1) + i);
            else entity.put(collection.key(), uniqueText(entity.path(collection.key()).asText(""), i, keys));
            keys.add(entity.get(collection.key()).asText());
            entities.add(valid(entity, collection, schemas));
        }
        return entities;
    }

    /** A string key no earlier entity has: the drawn one, else numbered ({@code amber-12-3}, {@code ava3@example.com}). */
    private static String uniqueText(String drawn, int i, Set<String> taken) {
        if (!drawn.isEmpty() && !taken.contains(drawn)) return drawn;
        String base = drawn.isEmpty() ? "item" : drawn;
        int at = base.indexOf('@');
        return at > 0 ? base.substring(0, at) + "-" + (i + 1) + base.substring(at) : base + "-" + (i + 1);
    }

    private static ObjectNode valid(ObjectNode entity, DraftCollection collection, EntitySchemas schemas) {
        String key = entity.get(collection.key()).asText();
        List<String> problems = schemas.problems(collection.name(), key, entity);
        if (problems.isEmpty()) return entity;
        Set<String> required = new HashSet<>();
        collection.schema().path("required").forEach(r -> required.add(r.asText()));
        for (String field : new ArrayList<>(iterable(entity))) {
            if (required.contains(field)) continue;
            ObjectNode without = entity.deepCopy();
            without.remove(field);
            if (schemas.problems(collection.name(), key, without).size() < problems.size()) {
                entity = without;
                problems = schemas.problems(collection.name(), key, entity);
                if (problems.isEmpty()) return entity;
            }
        }
        throw new ImportException("collection " + collection.name() + ": cannot draw a valid entity from its schema: " + String.join("; ", problems));
    }

    private static List<String> iterable(ObjectNode entity) {
        List<String> names = new ArrayList<>();
        entity.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
