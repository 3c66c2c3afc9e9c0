package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Which field of an entity schema is its key: a string or integer field the operations address it by, else one
 * that looks like an id ({@code id}, {@code petId} / {@code pet_id} for a Pet, {@code uuid}, {@code key}, then any
 * {@code ...Id}); also how a collection is named after its entity ({@code Pet} gives {@code pets}).
 */
final class EntityKeys {
    private EntityKeys() {
    }

    /**
     * The key field of {@code schema} (an entity named {@code entity}), or null when it has none.
     *
     * @param addressedBy argument names operations address such an entity by (path parameters), tried first
     */
    static String keyOf(JsonNode schema, String entity, List<String> addressedBy) {
        JsonNode properties = schema.path("properties");
        for (String name : addressedBy) if (isKeyType(properties.get(name))) return name;
        String singular = entity.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        for (String candidate : List.of("id", singular + "id", singular + "_id", "uuid", "key")) {
            for (String name : names) if (name.equalsIgnoreCase(candidate) && isKeyType(properties.get(name))) return name;
        }
        for (String name : names) {
            if ((name.endsWith("Id") || name.endsWith("_id") || name.endsWith("ID")) && isKeyType(properties.get(name))) return name;
        }
        return null;
    }

    /** A string or an integer (what a key may be). */
    static boolean isKeyType(JsonNode schema) {
        if (schema == null) return false;
        String type = schema.path("type").asText("");
        return type.equals("string") || type.equals("integer");
    }

    /** The entity schema as a collection keeps it: an object whose key field is required. */
    static ObjectNode entitySchema(ObjectNode schema, String key) {
        ObjectNode entity = schema.deepCopy();
        entity.put("type", "object");
        var required = entity.has("required") && entity.get("required").isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode) entity.get("required")
                : entity.putArray("required");
        boolean listed = false;
        for (Iterator<JsonNode> it = required.elements(); it.hasNext(); ) listed |= it.next().asText().equals(key);
        if (!listed) required.insert(0, key);
        return entity;
    }

    /** {@code Pet} gives {@code pets}, {@code Category} {@code categories}, {@code OrderItem} {@code order_items}. */
    static String collectionName(String entity) {
        String snake = entity.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT)
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) snake = "e_" + snake;
        String plural = snake.endsWith("y") && !snake.matches(".*[aeiou]y") ? snake.substring(0, snake.length() - 1) + "ies"
                : snake.matches(".*(s|x|z|ch|sh)") ? snake + "es" : snake + "s";
        return plural.length() > 40 ? plural.substring(0, 40) : plural;
    }

    /** Whether a path or name word ({@code pet}, {@code pets}) names the entity {@code entity} or its collection. */
    static boolean names(String word, String entity, String collection) {
        String w = word.toLowerCase(Locale.ROOT).replace("-", "_");
        return w.equals(entity.toLowerCase(Locale.ROOT)) || w.equals(collection) || (w + "s").equals(collection) || (w + "es").equals(collection);
    }
}
