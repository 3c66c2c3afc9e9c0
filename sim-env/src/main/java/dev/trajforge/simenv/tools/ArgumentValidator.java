package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Checks tool-call arguments against the tool's JSON schema the way a strict API gateway would:
 * missing required arguments, unknown arguments and wrong types are all reported, with the path.
 */
final class ArgumentValidator {
    private ArgumentValidator() {
    }

    /** Empty when the arguments conform; otherwise a message naming every problem. */
    static Optional<String> validate(ObjectNode arguments, JsonObjectSchema schema) {
        List<String> problems = new ArrayList<>();
        checkObject(arguments, schema, "", problems);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static void checkObject(JsonNode value, JsonObjectSchema schema, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(at(path) + "expected an object, got " + kind(value));
            return;
        }
        for (String required : schema.required() == null ? List.<String>of() : schema.required()) {
            JsonNode present = value.get(required);
            if (present == null || present.isNull()) problems.add("missing required argument '" + path + required + "'");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonSchemaElement property = schema.properties().get(name);
            if (property == null) {
                problems.add("unexpected argument '" + path + name + "' (allowed: " + String.join(", ", schema.properties().keySet()) + ")");
            } else if (!value.get(name).isNull()) {
                check(value.get(name), property, path + name, problems);
            }
        }
    }

    private static void check(JsonNode value, JsonSchemaElement schema, String path, List<String> problems) {
        switch (schema) {
            case JsonObjectSchema o -> checkObject(value, o, path + ".", problems);
            case JsonStringSchema ignored -> expect(value.isTextual(), "a string", value, path, problems);
            case JsonIntegerSchema ignored -> expect(value.isIntegralNumber(), "an integer", value, path, problems);
            case JsonNumberSchema ignored -> expect(value.isNumber(), "a number", value, path, problems);
            case JsonBooleanSchema ignored -> expect(value.isBoolean(), "a boolean", value, path, problems);
            case JsonEnumSchema e -> {
                if (!value.isTextual() || !e.enumValues().contains(value.asText())) {
                    problems.add(at(path) + "expected one of " + e.enumValues() + ", got " + value);
                }
            }
            case JsonArraySchema a -> {
                if (!value.isArray()) {
                    problems.add(at(path) + "expected an array, got " + kind(value));
                    return;
                }
                for (int i = 0; i < value.size(); i++) check(value.get(i), a.items(), path + "[" + i + "]", problems);
            }
            default -> problems.add(at(path) + "unsupported schema " + schema.getClass().getSimpleName());
        }
    }

    private static void expect(boolean ok, String expected, JsonNode value, String path, List<String> problems) {
        if (!ok) problems.add(at(path) + "expected " + expected + ", got " + kind(value));
    }

    private static String at(String path) {
        return "argument '" + (path.endsWith(".") ? path.substring(0, path.length() - 1) : path) + "': ";
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string " + value;
            case NUMBER -> "number " + value;
            case BOOLEAN -> "boolean " + value;
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
