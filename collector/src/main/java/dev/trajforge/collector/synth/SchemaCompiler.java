package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** JSON Schemas the synthesizer wrote (parameters, outputs, entities): whether they compile, and what an instance breaks. */
final class SchemaCompiler {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META = FACTORY.getSchema(java.net.URI.create("https://json-schema.org/draft/2020-12/schema"));
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "null");

    private SchemaCompiler() {
    }

    /** Why {@code schema} (at {@code where}) is no usable JSON Schema, or empty. */
    static List<String> problems(String where, JsonNode schema) {
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : META.validate(schema)) problems.add(where + ": not a valid JSON Schema: " + message.getMessage());
        unknownTypes(where, schema, problems);
        if (problems.isEmpty()) {
            try {
                FACTORY.getSchema(schema);
            } catch (RuntimeException e) {
                problems.add(where + ": the schema does not compile: " + e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    /** What {@code instance} breaks in {@code schema}, in a stable order. */
    static List<String> violations(JsonNode schema, JsonNode instance) {
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : FACTORY.getSchema(schema).validate(instance)) problems.add(message.getMessage());
        return List.copyOf(problems);
    }

    /** A {@code type} the meta-schema lets through as any string ("strin") is still a mistake. */
    private static void unknownTypes(String where, JsonNode schema, TreeSet<String> problems) {
        if (schema.isObject()) {
            JsonNode type = schema.get("type");
            if (type != null && type.isTextual() && !TYPES.contains(type.asText())) problems.add(where + ": unknown type '" + type.asText() + "'");
            schema.properties().forEach(field -> unknownTypes(where, field.getValue(), problems));
        } else if (schema.isArray()) {
            schema.forEach(element -> unknownTypes(where, element, problems));
        }
    }
}
