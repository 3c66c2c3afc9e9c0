package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trajforge.collector.ingest.Fixtures.assertRoles;
import static dev.trajforge.simenv.Role.ASSISTANT;
import static dev.trajforge.simenv.Role.SYSTEM;
import static dev.trajforge.simenv.Role.TOOL;
import static dev.trajforge.simenv.Role.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OpenAiResponsesFormatTest {
    private final List<IngestItem> items = Fixtures.read("openai-responses", "openai-responses.jsonl");

    @Test
    void should_join_reasoning_and_function_call_items_into_one_assistant_turn() {
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("openai-responses.jsonl", 1, "openai-responses", "resp_1"), session.origin());
        assertRoles(session, SYSTEM, USER, ASSISTANT, TOOL, ASSISTANT);
        List<Message> m = session.messages();
        assertEquals("You are a support agent.", m.get(0).content(), "instructions become the system message");
        assertEquals("Cancel order #W2, please.", m.get(1).content());
        assertEquals("The user wants a cancellation.", m.get(2).reasoning());
        assertNull(m.get(2).content());
        assertEquals(List.of(new ToolCall("call_1", "cancel_order", "{\"order_id\":\"#W2\"}")), m.get(2).toolCalls());
        assertEquals("call_1", m.get(3).toolCallId());
        assertEquals("cancel_order", m.get(3).name());
        assertEquals("{\"status\":\"cancelled\"}", m.get(3).content());
        assertEquals("Order #W2 is cancelled.", m.get(4).content());
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"cancel_order\",\"description\":\"Cancel an order.\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}}}]", session.toolsJson());
    }

    @Test
    void should_reject_each_malformed_line_with_its_line_and_reason() {
        assertEquals(List.of(
                "2: tool result for unknown call 'call_9'",
                "3: arguments of tool call 'call_2' are not JSON: unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 4)",
                "4: unsupported item type 'web_search_call'",
                "5: bad JSON: unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 4)",
                "6: tool call 'call_3' has no result"), Fixtures.rejects(items));
        assertEquals(1, Fixtures.sessions(items).size());
    }
}
