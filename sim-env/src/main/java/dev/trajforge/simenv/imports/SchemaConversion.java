package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a schema of an imported document into a self-contained JSON Schema (draft 2020-12) that tools, the
 * agent and a simulator read alike: local {@code $ref}s are inlined (a reference back into itself becomes an
 * open object), an {@code allOf} of objects is merged into one object, and OpenAPI 3.0's own words are said the
 * 2020-12 way ({@code nullable}, {@code example}, boolean {@code exclusiveMinimum}); words JSON Schema does not
 * know ({@code xml}, {@code discriminator}, {@code x-...}) are left out.
 */
final class SchemaConversion {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;
    private static final Set<String> KEPT = Set.of("type", "enum", "const", "format", "pattern", "minLength", "maxLength", "minimum",
            "maximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "required", "description",
            "title", "default", "examples", "readOnly", "writeOnly", "deprecated", "dependentRequired", "minContains", "maxContains");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties");
    private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMAS = Set.of("items", "additionalProperties", "not", "contains", "propertyNames");

    private final Function<String, JsonNode> references;
    private final Deque<String> open = new ArrayDeque<>();

    /** @param references the node a local {@code $ref} ({@code #/components/schemas/Pet}) points at, or null */
    SchemaConversion(Function<String, JsonNode> references) {
        this.references = references;
    }

    /** References resolved inside {@code root} itself (an MCP tool's schema with its own {@code $defs}). */
    static SchemaConversion within(JsonNode root) {
        return new SchemaConversion(ref -> ref.startsWith("#") ? root.at(ref.substring(1)) : null);
    }

    ObjectNode convert(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) return F.objectNode();
        if (schema.isBoolean()) return schema.booleanValue() ? F.objectNode() : (ObjectNode) F.objectNode().set("not", F.objectNode());
        if (!schema.isObject()) return F.objectNode();
        if (schema.has("$ref")) return referenced(schema);
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (KEPT.contains(key)) out.set(key, value.deepCopy());
            else if (SCHEMA_MAPS.contains(key) && value.isObject()) {
                ObjectNode map = out.putObject(key);
                value.fields().forEachRemaining(e -> map.set(e.getKey(), convert(e.getValue())));
            } else if (SCHEMA_LISTS.contains(key) && value.isArray()) {
                ArrayNode list = out.putArray(key);
                value.forEach(item -> list.add(convert(item)));
            } else if (SCHEMAS.contains(key)) {
                out.set(key, value.isBoolean() ? value : convert(value));
            }
        }
        if (schema.has("example") && !out.has("examples")) out.set("examples", F.arrayNode().add(schema.get("example").deepCopy()));
        exclusiveBound(schema, out, "exclusiveMinimum", "minimum");
        exclusiveBound(schema, out, "exclusiveMaximum", "maximum");
        if (schema.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            out.set("type", F.arrayNode().add(out.get("type").asText()).add("null"));
        }
        if (schema.path("allOf").isArray()) mergeAllOf(schema.get("allOf"), out);
        if (!out.has("type") && (out.has("properties") || out.has("required"))) out.put("type", "object");
        return out;
    }

    private ObjectNode referenced(JsonNode schema) {
        String ref = schema.get("$ref").asText();
        JsonNode target = references.apply(ref);
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        if (target == null || target.isMissingNode()) {
            return (ObjectNode) F.objectNode().put("description", "(unresolved reference " + ref + ")");
        }
        if (open.contains(ref) || open.size() >= MAX_DEPTH) {
            return F.objectNode().put("type", "object").put("description", "A " + name + " (nested, not expanded further).");
        }
        open.push(ref);
        try {
            ObjectNode out = convert(target);
            if (schema.hasNonNull("description")) out.put("description", schema.get("description").asText());
            return out;
        } finally {
            open.pop();
        }
    }

    /** OpenAPI 3.0's {@code exclusiveMinimum: true} next to {@code minimum: 5} is 2020-12's {@code exclusiveMinimum: 5}. */
    private static void exclusiveBound(JsonNode schema, ObjectNode out, String exclusive, String bound) {
        JsonNode value = schema.get(exclusive);
        if (value == null) return;
        if (value.isNumber()) out.set(exclusive, value);
        else if (value.asBoolean(false) && schema.has(bound)) {
            out.set(exclusive, schema.get(bound));
            out.remove(bound);
        }
    }

    /** The members of an {@code allOf} that are objects merged into {@code out}; any other member stays in an {@code allOf}. */
    private void mergeAllOf(JsonNode members, ObjectNode out) {
        ArrayNode rest = F.arrayNode();
        for (JsonNode member : members) {
            ObjectNode converted = convert(member);
            boolean object = "object".equals(converted.path("type").asText()) || converted.has("properties");
            if (!object) {
                rest.add(converted);
                continue;
            }
            out.put("type", "object");
            if (converted.has("properties")) {
                ObjectNode properties = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
                converted.get("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
            }
            if (converted.has("required")) {
                ArrayNode required = out.has("required") ? (ArrayNode) out.get("required") : out.putArray("required");
                converted.get("required").forEach(r -> {
                    if (!contains(required, r.asText())) required.add(r.asText());
                });
            }
            if (!out.has("description") && converted.has("description")) out.set("description", converted.get("description"));
        }
        if (!rest.isEmpty()) out.set("allOf", rest);
    }

    private static boolean contains(ArrayNode array, String text) {
        for (JsonNode item : array) if (item.asText().equals(text)) return true;
        return false;
    }
}
