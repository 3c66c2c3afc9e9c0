package dev.trajforge.collector.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator handed to the SDK in place of its networknt-2 default: a tool result's structuredContent against its output schema. */
class McpOutputSchemaCheckTest {
    private final OutputSchemaCheck check = new OutputSchemaCheck(new ObjectMapper());
    private final Map<String, Object> schema = Map.of("type", "object", "required", List.of("count"),
            "properties", Map.of("count", Map.of("type", "integer")));

    @Test
    void should_accept_content_that_matches_the_output_schema() {
        JsonSchemaValidator.ValidationResponse response = check.validate(schema, Map.of("count", 3));

        assertTrue(response.valid());
        assertEquals("{\"count\":3}", response.jsonStructuredOutput());
    }

    @Test
    void should_reject_content_that_does_not_match_and_say_why() {
        JsonSchemaValidator.ValidationResponse response = check.validate(schema, Map.of("count", "three"));

        assertFalse(response.valid());
        assertTrue(response.errorMessage().contains("count"), response.errorMessage());
    }
}
