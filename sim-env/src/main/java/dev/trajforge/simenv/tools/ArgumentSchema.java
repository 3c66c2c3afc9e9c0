package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A tool's parameters as a JSON Schema (draft 2020-12), checked with the networknt validator: the
 * whole schema applies (nested objects, arrays, enums, patterns, bounds, formats ...), the way a
 * strict API gateway checks a request. Its findings are phrased for the agent that made the call:
 * {@code missing required argument 'flight'}, {@code unexpected argument 'force' (allowed: text)},
 * {@code argument 'amount': expected a number, got string "ten"}. A null argument counts as absent
 * (models often send {@code null} for an optional one). Compiled once per tool; thread-safe.
 */
public final class ArgumentSchema {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final ObjectNode schemaNode;
    private final JsonSchema schema;

    public ArgumentSchema(ObjectNode schemaNode) {
        this.schemaNode = schemaNode.deepCopy();
        this.schema = FACTORY.getSchema(this.schemaNode, CONFIG);
    }

    public ObjectNode node() {
        return schemaNode.deepCopy();
    }

    /** Empty when the arguments conform; otherwise one message naming every problem, in a stable order. */
    public Optional<String> validate(ObjectNode arguments) {
        JsonNode present = withoutNulls(arguments);
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : schema.validate(present)) problems.add(describe(message));
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private String describe(ValidationMessage message) {
        JsonNodePath location = message.getInstanceLocation();
        String at = dotted(location);
        JsonNode here = schemaAt(location);
        String prefix = at.isEmpty() ? "" : at + ".";
        return switch (message.getType()) {
            case "required" -> "missing required argument '" + prefix + message.getProperty() + "'";
            case "additionalProperties" -> "unexpected argument '" + prefix + message.getProperty() + "' (allowed: "
                    + String.join(", ", propertyNames(here)) + ")";
            case "type" -> "argument '" + at + "': expected " + article(here.path("type").asText()) + ", got " + kind(message.getInstanceNode());
            case "enum" -> "argument '" + at + "': expected one of " + here.path("enum") + ", got " + message.getInstanceNode();
            default -> "argument '" + at + "': " + message.getMessage().replaceFirst("^\\S*: ", "");
        };
    }

    private static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The subschema that applies at an instance location (through properties and array items). */
    private JsonNode schemaAt(JsonNodePath location) {
        JsonNode node = schemaNode;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            node = element instanceof Integer ? node.path("items") : node.path("properties").path(String.valueOf(element));
        }
        return node;
    }

    /** The location as the agent wrote it: {@code destination.city}, {@code items[0]}; the root is "". */
    private static String dotted(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) path.append('[').append(index).append(']');
            else path.append(path.isEmpty() ? "" : ".").append(element);
        }
        return path.toString();
    }

    private static String article(String type) {
        String name = type.replace("\"", "");
        return switch (name) {
            case "object", "array", "integer" -> "an " + name;
            default -> "a " + name;
        };
    }

    private static String kind(JsonNode value) {
        if (value == null) return "nothing";
        return switch (value.getNodeType()) {
            case STRING -> "string " + value;
            case NUMBER -> "number " + value;
            case BOOLEAN -> "boolean " + value;
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!field.getValue().isNull()) copy.set(field.getKey(), withoutNulls(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }
}
