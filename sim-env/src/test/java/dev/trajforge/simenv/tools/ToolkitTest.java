package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolkitTest {

    /** A small tool class exercising every parameter kind the validator knows. */
    static final class ShopTools {
        final List<String> calls = new ArrayList<>();

        record Receipt(String orderId, BigDecimal totalAmount, List<String> itemIds, String note) {
        }

        @Tool(name = "echo", value = "Echo the text back.")
        String echo(@P(name = "text", value = "The text to echo.") String text) {
            calls.add("echo");
            return text;
        }

        @Tool(name = "add", value = "Add two integers.")
        int add(@P(name = "a", value = "First addend.") int a, @P(name = "b", value = "Second addend.") int b) {
            calls.add("add");
            return a + b;
        }

        @Tool(name = "make_receipt", value = "Make a receipt for items of an order.")
        Receipt makeReceipt(@P(name = "order_id", value = "The order id.") String orderId,
                            @P(name = "item_ids", value = "Item ids.") List<String> itemIds,
                            @P(name = "amount", value = "Total amount.") double amount) {
            calls.add("make_receipt");
            return new Receipt(orderId, BigDecimal.valueOf(amount).setScale(2), itemIds, null);
        }

        @Tool(name = "ping", value = "Check the service is up.")
        String ping() {
            calls.add("ping");
            return "pong";
        }

        @Tool(name = "refuse", value = "Always refuses, like a backend rule.")
        String refuse(@P(name = "order_id", value = "The order id.") String orderId) {
            throw new ToolException("Order " + orderId + " not found");
        }

        @Tool(name = "set_zip", value = "Validates a zip at the door.")
        String setZip(@P(name = "zip", value = "5-digit zip.") String zip) {
            if (!zip.matches("\\d{5}")) throw new IllegalArgumentException("zip must be 5 digits, got '" + zip + "'");
            return "ok";
        }

        String notATool() {
            return "hidden";
        }
    }

    private static final Toolkit<ShopTools> TOOLKIT = new Toolkit<>(ShopTools.class);

    private static ToolResult execute(String tool, String argumentsJson) {
        return execute(new ShopTools(), tool, argumentsJson);
    }

    private static ToolResult execute(ShopTools target, String tool, String argumentsJson) {
        ToolCall call = new ToolCall("call-1", tool, argumentsJson);
        ToolResult result = assertDoesNotThrow(() -> TOOLKIT.execute(target, call), "execute must never throw for a bad call");
        assertEquals("call-1", result.callId());
        assertEquals(tool, result.name());
        return result;
    }

    private static void assertError(ToolResult result, String... fragments) {
        assertTrue(result.error(), "expected an error result, got " + result.content());
        assertTrue(result.content().startsWith("Error: "), result.content());
        for (String fragment : fragments) assertTrue(result.content().contains(fragment), "'" + fragment + "' not in: " + result.content());
    }

    @Test
    void should_list_only_annotated_methods_sorted_by_name() {
        assertEquals(List.of("add", "echo", "make_receipt", "ping", "refuse", "set_zip"),
                TOOLKIT.specifications().stream().map(ToolSpecification::name).toList());
        assertTrue(TOOLKIT.has("echo"));
        assertFalse(TOOLKIT.has("notATool"));
        assertFalse(TOOLKIT.has("not_a_tool"));
    }

    @Test
    void should_reject_call_when_tool_is_unknown_listing_available_tools() {
        ToolResult result = execute("delete_everything", "{}");
        assertError(result, "unknown tool 'delete_everything'", "Available tools:", "echo", "make_receipt", "ping", "set_zip");
    }

    @Test
    void should_reject_call_when_arguments_are_not_json() {
        assertError(execute("echo", "{text: hello"), "arguments must be a JSON object", "{text: hello");
    }

    @Test
    void should_reject_call_when_arguments_are_a_json_array_or_scalar() {
        assertError(execute("echo", "[\"hello\"]"), "arguments must be a JSON object");
        assertError(execute("echo", "\"hello\""), "arguments must be a JSON object");
        assertError(execute("echo", "null"), "arguments must be a JSON object");
    }

    @Test
    void should_reject_call_when_arguments_have_trailing_content() {
        assertError(execute("echo", "{\"text\":\"a\"} {\"text\":\"b\"}"), "arguments must be a JSON object");
    }

    @Test
    void should_abbreviate_long_malformed_arguments_in_the_error() {
        String junk = "x".repeat(500);
        ToolResult result = execute("echo", junk);
        assertError(result, "...");
        assertTrue(result.content().length() < 220, result.content());
    }

    @Test
    void should_reject_call_when_a_required_argument_is_missing_naming_it() {
        assertError(execute("add", "{\"a\":1}"), "missing required argument 'b'");
        assertError(execute("add", "{\"a\":1,\"b\":null}"), "missing required argument 'b'");
    }

    @Test
    void should_treat_blank_arguments_as_an_empty_object() {
        assertError(execute("echo", ""), "missing required argument 'text'");
        assertEquals("pong", execute("ping", "  ").content());
    }

    @Test
    void should_reject_call_when_an_unexpected_argument_is_given_naming_it_and_the_allowed_ones() {
        assertError(execute("echo", "{\"text\":\"hi\",\"loud\":true}"), "unexpected argument 'loud'", "allowed: text");
    }

    @Test
    void should_reject_call_when_a_no_argument_tool_gets_an_argument() {
        assertError(execute("ping", "{\"force\":true}"), "unexpected argument 'force'");
    }

    @Test
    void should_reject_call_when_a_string_is_given_for_an_integer() {
        assertError(execute("add", "{\"a\":\"1\",\"b\":2}"), "argument 'a'", "expected an integer", "string \"1\"");
    }

    @Test
    void should_reject_call_when_a_fraction_is_given_for_an_integer() {
        assertError(execute("add", "{\"a\":1.5,\"b\":2}"), "argument 'a'", "expected an integer");
    }

    @Test
    void should_reject_call_when_a_number_is_given_for_a_string() {
        assertError(execute("echo", "{\"text\":42}"), "argument 'text'", "expected a string", "number 42");
    }

    @Test
    void should_reject_call_when_a_non_array_is_given_for_a_list() {
        assertError(execute("make_receipt", "{\"order_id\":\"#W1\",\"item_ids\":\"123\",\"amount\":1}"),
                "argument 'item_ids'", "expected an array");
    }

    @Test
    void should_reject_call_when_a_list_element_has_the_wrong_type_naming_its_index() {
        assertError(execute("make_receipt", "{\"order_id\":\"#W1\",\"item_ids\":[\"123\",456],\"amount\":1}"),
                "argument 'item_ids[1]'", "expected a string");
        assertError(execute("make_receipt", "{\"order_id\":\"#W1\",\"item_ids\":[null],\"amount\":1}"),
                "argument 'item_ids[0]'", "expected a string");
    }

    @Test
    void should_report_every_problem_of_a_call_at_once() {
        ToolResult result = execute("make_receipt", "{\"order_id\":7,\"extra\":1,\"amount\":\"lots\"}");
        assertError(result, "missing required argument 'item_ids'", "argument 'order_id'", "unexpected argument 'extra'", "argument 'amount'");
    }

    @Test
    void should_not_invoke_the_tool_when_the_call_is_rejected() {
        ShopTools target = new ShopTools();
        execute(target, "add", "{\"a\":\"1\",\"b\":2}");
        execute(target, "echo", "[]");
        assertEquals(List.of(), target.calls);
        execute(target, "add", "{\"a\":1,\"b\":2}");
        assertEquals(List.of("add"), target.calls);
    }

    @Test
    void should_turn_a_tool_exception_into_an_error_result_with_its_message() {
        ToolResult result = execute("refuse", "{\"order_id\":\"#W42\"}");
        assertTrue(result.error());
        assertEquals("Error: Order #W42 not found", result.content());
    }

    @Test
    void should_turn_an_illegal_argument_exception_from_the_tool_into_an_error_result_with_its_message() {
        ToolResult result = execute("set_zip", "{\"zip\":\"12a45\"}");
        assertTrue(result.error());
        assertEquals("Error: zip must be 5 digits, got '12a45'", result.content());
        assertFalse(execute("set_zip", "{\"zip\":\"12345\"}").error());
    }

    @Test
    void should_render_a_string_result_verbatim() {
        ToolResult result = execute("echo", "{\"text\":\"  {not json} \\\"quoted\\\"  \"}");
        assertFalse(result.error());
        assertEquals("  {not json} \"quoted\"  ", result.content());
    }

    @Test
    void should_render_a_record_result_as_canonical_json_with_sorted_snake_case_keys_and_no_nulls() {
        ToolResult result = execute("make_receipt", "{\"order_id\":\"#W1\",\"item_ids\":[\"b\",\"a\"],\"amount\":12.5}");
        assertFalse(result.error(), result.content());
        assertEquals("{\"item_ids\":[\"b\",\"a\"],\"order_id\":\"#W1\",\"total_amount\":12.50}", result.content());
    }

    @Test
    void should_render_a_number_result_as_json() {
        assertEquals("5", execute("add", "{\"a\":2,\"b\":3}").content());
    }

    @Test
    void should_accept_an_integer_where_a_number_is_expected() {
        assertFalse(execute("make_receipt", "{\"order_id\":\"#W1\",\"item_ids\":[],\"amount\":3}").error());
    }

    @Test
    void should_give_a_no_argument_tool_an_empty_object_schema() {
        ToolSpecification ping = TOOLKIT.specifications().stream().filter(s -> s.name().equals("ping")).findFirst().orElseThrow();
        JsonObjectSchema parameters = ping.parameters();
        assertNotNull(parameters);
        assertTrue(parameters.properties().isEmpty());
        assertTrue(parameters.required() == null || parameters.required().isEmpty());
        JsonNode json = CanonicalJson.parseOrNull(ToolSchemaJson.toOpenAiJson(List.of(ping)));
        assertEquals("{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}",
                json.get(0).get("function").get("parameters").toString());
    }

    @Test
    void should_render_tool_specifications_as_openai_function_definitions() {
        ToolSpecification echo = TOOLKIT.specifications().stream().filter(s -> s.name().equals("echo")).findFirst().orElseThrow();
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"echo\",\"description\":\"Echo the text back.\","
                        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"description\":\"The text to echo.\"}},"
                        + "\"required\":[\"text\"],\"additionalProperties\":false}}}]",
                ToolSchemaJson.toOpenAiJson(List.of(echo)));
    }

    @Test
    void should_render_integer_number_and_array_parameters_in_openai_form() {
        JsonNode tools = CanonicalJson.parseOrNull(ToolSchemaJson.toOpenAiJson(TOOLKIT.specifications()));
        assertEquals(6, tools.size());
        JsonNode add = tools.get(0).get("function");
        assertEquals("add", add.get("name").asText());
        assertEquals("integer", add.at("/parameters/properties/a/type").asText());
        assertEquals("[\"a\",\"b\"]", add.at("/parameters/required").toString());
        JsonNode receipt = tools.get(2).get("function");
        assertEquals("make_receipt", receipt.get("name").asText());
        assertAll(
                () -> assertEquals("array", receipt.at("/parameters/properties/item_ids/type").asText()),
                () -> assertEquals("string", receipt.at("/parameters/properties/item_ids/items/type").asText()),
                () -> assertEquals("number", receipt.at("/parameters/properties/amount/type").asText()),
                () -> assertEquals("[\"order_id\",\"item_ids\",\"amount\"]", receipt.at("/parameters/required").toString()),
                () -> assertFalse(receipt.at("/parameters/additionalProperties").asBoolean(true)));
        for (JsonNode tool : tools) assertEquals("function", tool.get("type").asText());
    }

    @Test
    void should_render_the_same_openai_json_for_repeated_calls_and_fresh_toolkits() {
        String first = ToolSchemaJson.toOpenAiJson(TOOLKIT.specifications());
        assertEquals(first, ToolSchemaJson.toOpenAiJson(TOOLKIT.specifications()));
        assertEquals(first, ToolSchemaJson.toOpenAiJson(new Toolkit<>(ShopTools.class).specifications()));
    }

    @Test
    void should_share_one_toolkit_across_targets_without_leaking_state() {
        ShopTools first = new ShopTools();
        ShopTools second = new ShopTools();
        execute(first, "ping", "{}");
        assertEquals(List.of("ping"), first.calls);
        assertEquals(List.of(), second.calls);
        assertSame(TOOLKIT.specifications(), TOOLKIT.specifications());
    }

    @Test
    void should_reject_call_when_an_integer_argument_is_out_of_range() {
        assertError(execute("add", "{\"a\":99999999999,\"b\":1}"), "argument 'a'");
    }

    /** Parameter kinds the retail tools do not use (yet): a nested object, an optional primitive. */
    static final class ShippingTools {
        record Destination(String zipCode, String city) {
        }

        @Tool(name = "ship", value = "Ship to a destination.")
        String ship(@P(name = "destination", value = "Where to ship.") Destination destination) {
            return destination.zipCode() + " " + destination.city();
        }

        @Tool(name = "repeat", value = "Repeat a word.")
        String repeat(@P(name = "word", value = "The word.") String word,
                      @P(name = "times", value = "How often, default 1.", required = false) int times) {
            return word.repeat(Math.max(times, 1));
        }
    }

    private static final Toolkit<ShippingTools> SHIPPING = new Toolkit<>(ShippingTools.class);

    private static ToolResult ship(String tool, String argumentsJson) {
        ToolCall call = new ToolCall("call-1", tool, argumentsJson);
        return assertDoesNotThrow(() -> SHIPPING.execute(new ShippingTools(), call), "execute must never throw for a bad call");
    }

    @Test
    void should_name_the_nested_path_when_an_object_argument_is_malformed() {
        assertError(ship("ship", "{\"destination\":{\"city\":7}}"), "argument 'destination.city'", "expected a string",
                "missing required argument 'destination.zipCode'");
    }

    @Test
    void should_name_the_argument_when_a_non_object_is_given_for_an_object() {
        assertError(ship("ship", "{\"destination\":\"Boston\"}"), "argument 'destination':", "expected an object");
    }

    @Test
    void should_execute_a_call_whose_object_argument_follows_the_advertised_schema() {
        String schema = ToolSchemaJson.toOpenAiJson(SHIPPING.specifications());
        assertTrue(schema.contains("\"zipCode\""), schema);
        ToolResult result = ship("ship", "{\"destination\":{\"zipCode\":\"02134\",\"city\":\"Boston\"}}");
        assertFalse(result.error(), result.content());
        assertEquals("02134 Boston", result.content());
    }

    @Test
    void should_not_throw_when_an_optional_primitive_argument_is_omitted() {
        ToolResult result = ship("repeat", "{\"word\":\"hi\"}");
        assertNotNull(result);
    }
}
