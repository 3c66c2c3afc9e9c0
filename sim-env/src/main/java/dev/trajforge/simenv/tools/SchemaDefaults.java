package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plainest value a JSON Schema allows, for a field a simulated call must fill and its arguments do not give:
 * the schema's {@code default}, {@code const}, first example or first enum value, else by type (the minimum, an
 * empty string of the least length, false, an empty list, an object with its required fields). Local {@code $ref}s
 * are followed against {@code root}.
 */
final class SchemaDefaults {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaDefaults() {
    }

    static JsonNode of(JsonNode schema, JsonNode root) {
        return of(schema, root, 0);
    }

    private static JsonNode of(JsonNode schema, JsonNode root, int depth) {
        if (schema == null || !schema.isObject() || depth > 8) return JSON.nullNode();
        if (schema.has("$ref")) return of(resolve(schema.path("$ref").asText(), root), root, depth + 1);
        if (schema.has("default")) return schema.get("default").deepCopy();
        if (schema.has("const")) return schema.get("const").deepCopy();
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) return schema.path("examples").get(0).deepCopy();
        if (schema.has("example")) return schema.get("example").deepCopy();
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) return schema.path("enum").get(0).deepCopy();
        for (String choice : new String[]{"anyOf", "oneOf", "allOf"}) {
            if (schema.path(choice).isArray() && !schema.path(choice).isEmpty()) return of(schema.path(choice).get(0), root, depth + 1);
        }
        JsonNode type = schema.path("type");
        String first = type.isArray() ? (type.isEmpty() ? "null" : type.get(0).asText()) : type.asText(schema.has("properties") ? "object" : "string");
        return switch (first) {
            case "integer" -> JSON.numberNode(schema.path("minimum").asLong(0));
            case "number" -> JSON.numberNode(schema.path("minimum").asDouble(0));
            case "boolean" -> JSON.booleanNode(false);
            case "array" -> JSON.arrayNode();
            case "null" -> JSON.nullNode();
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                for (JsonNode required : schema.path("required")) {
                    object.set(required.asText(), of(schema.path("properties").path(required.asText()), root, depth + 1));
                }
                yield object;
            }
            default -> JSON.textNode(text(schema));
        };
    }

    private static String text(JsonNode schema) {
        String format = schema.path("format").asText("");
        String value = switch (format) {
            case "date-time" -> "1970-01-01T00:00:00Z";
            case "date" -> "1970-01-01";
            case "email" -> "someone@example.com";
            case "uri", "url" -> "https://example.com/";
            default -> "";
        };
        int least = schema.path("minLength").asInt(0);
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < least) padded.append('x');
        return padded.toString();
    }

    private static JsonNode resolve(String ref, JsonNode root) {
        if (!ref.startsWith("#")) return null;
        return root.at(ref.substring(1));
    }
}
