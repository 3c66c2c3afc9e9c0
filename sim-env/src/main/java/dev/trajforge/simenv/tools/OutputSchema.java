package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON Schema (draft 2020-12) a simulated tool's result must match, compiled once with the networknt validator;
 * local {@code $ref}s ({@code #/$defs/Pet}) resolve against the schema itself. Thread-safe.
 */
public final class OutputSchema {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();

    private final JsonNode node;
    private final JsonSchema schema;

    public OutputSchema(JsonNode node) {
        this.node = node.deepCopy();
        this.schema = FACTORY.getSchema(this.node, CONFIG);
    }

    public JsonNode node() {
        return node.deepCopy();
    }

    /** Empty when {@code value} matches; else every problem, in a stable order, in one message. */
    public Optional<String> validate(JsonNode value) {
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : schema.validate(value)) problems.add(message.getMessage());
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
