package dev.trajforge.collector.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.tools.OutputSchema;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

import java.util.Map;
import java.util.Optional;

/**
 * The SDK's check of a tool result's {@code structuredContent} against the tool's output schema, done with the
 * project's validator ({@link OutputSchema}, networknt 1.5) instead of the SDK's default, which wants networknt 2.
 */
final class OutputSchemaCheck implements JsonSchemaValidator {
    private final ObjectMapper json;

    OutputSchemaCheck(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        JsonNode content = json.valueToTree(structuredContent);
        Optional<String> problem = new OutputSchema(json.valueToTree(schema)).validate(content);
        return problem.isPresent() ? ValidationResponse.asInvalid(problem.get()) : ValidationResponse.asValid(content.toString());
    }
}
