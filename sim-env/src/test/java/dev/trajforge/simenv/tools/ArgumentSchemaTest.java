package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole JSON Schema applies to tool arguments, not a hand-picked subset of it. */
class ArgumentSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArgumentSchema BOOKING = new ArgumentSchema(object("""
            {"type": "object", "additionalProperties": false, "required": ["flight", "passengers"],
             "properties": {
               "flight": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{3,4}$"},
               "cabin": {"type": "string", "enum": ["basic_economy", "economy", "business"]},
               "passengers": {"type": "array", "minItems": 1, "maxItems": 5, "items": {
                 "type": "object", "required": ["name", "age"], "additionalProperties": false,
                 "properties": {"name": {"type": "string", "minLength": 1}, "age": {"type": "integer", "minimum": 0}}}},
               "email": {"type": "string", "format": "email"}}}
            """));

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String problems(String arguments) {
        Optional<String> found = BOOKING.validate(object(arguments));
        assertTrue(found.isPresent(), "expected a problem with " + arguments);
        return found.get();
    }

    @Test
    void should_accept_arguments_that_meet_every_constraint_and_treat_null_as_absent() {
        assertEquals(Optional.empty(), BOOKING.validate(object("""
                {"flight": "HA1234", "cabin": null, "passengers": [{"name": "Ana", "age": 31}], "email": "ana@example.com"}""")));
    }

    @Test
    void should_apply_patterns_bounds_and_formats_that_a_type_check_alone_would_miss() {
        assertTrue(problems("{\"flight\": \"ha-12\", \"passengers\": [{\"name\": \"Ana\", \"age\": 3}]}").startsWith("argument 'flight': "));
        assertTrue(problems("{\"flight\": \"HA123\", \"passengers\": []}").startsWith("argument 'passengers': "));
        assertTrue(problems("{\"flight\": \"HA123\", \"passengers\": [{\"name\": \"\", \"age\": -1}]}")
                .contains("argument 'passengers[0].age': "));
        assertTrue(problems("{\"flight\": \"HA123\", \"passengers\": [{\"name\": \"A\", \"age\": 1}], \"email\": \"not-an-email\"}")
                .startsWith("argument 'email': "));
    }

    @Test
    void should_name_missing_unexpected_and_mistyped_arguments_by_their_path() {
        String found = problems("{\"cabin\": \"first\", \"passengers\": [{\"name\": 7}], \"seat\": \"12A\"}");
        assertTrue(found.contains("missing required argument 'flight'"), found);
        assertTrue(found.contains("missing required argument 'passengers[0].age'"), found);
        assertTrue(found.contains("argument 'passengers[0].name': expected a string, got number 7"), found);
        assertTrue(found.contains("argument 'cabin': expected one of [\"basic_economy\",\"economy\",\"business\"], got \"first\""), found);
        assertTrue(found.contains("unexpected argument 'seat' (allowed: flight, cabin, passengers, email)"), found);
    }
}
