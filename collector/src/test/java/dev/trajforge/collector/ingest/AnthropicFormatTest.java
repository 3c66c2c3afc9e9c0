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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnthropicFormatTest {
    private final List<IngestItem> items = Fixtures.read("anthropic", "anthropic.jsonl");

    @Test
    void should_map_content_blocks_to_messages_keeping_thinking_errors_and_exact_arguments() {
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("anthropic.jsonl", 1, "anthropic", null), session.origin());
        assertRoles(session, SYSTEM, USER, ASSISTANT, TOOL, USER, ASSISTANT, TOOL, ASSISTANT);
        List<Message> m = session.messages();
        assertEquals("You are a support agent.", m.get(0).content(), "system text blocks become the system message");
        assertEquals("Look up the order first.", m.get(2).reasoning());
        assertEquals("Let me check.", m.get(2).content());
        assertEquals(List.of(new ToolCall("toolu_1", "get_order", "{\"order_id\":\"#W3\",\"amount\":10.50}")), m.get(2).toolCalls(),
                "the input object is kept as arguments, numbers as written");
        assertEquals("toolu_1", m.get(3).toolCallId());
        assertEquals("get_order", m.get(3).name());
        assertEquals("order not found", m.get(3).content());
        assertTrue(m.get(3).error(), "is_error is kept");
        assertEquals("Try #W4 then.", m.get(4).content(), "text after a tool_result is a user message of its own");
        assertEquals("{\"total\": 42}", m.get(6).content());
        assertFalse(m.get(6).error());
        assertEquals("Order #W4 costs 42.", m.get(7).content());
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"get_order\",\"description\":\"Look up an order.\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}}}]",
                session.toolsJson(), "input_schema becomes OpenAI-style parameters");
    }

    @Test
    void should_append_a_logged_response_as_the_assistant_reply() {
        IngestItem.Session session = Fixtures.sessions(items).get(1);
        assertEquals(6, session.origin().line());
        assertRoles(session, SYSTEM, USER, ASSISTANT);
        assertEquals("Hello.", session.messages().get(2).content());
    }

    @Test
    void should_reject_each_malformed_line_with_its_line_and_reason() {
        assertEquals(List.of(
                "2: wrong type: input of tool_use 'toolu_3' must be an object",
                "3: unsupported content block 'image'",
                "4: tool result for unknown call 'toolu_x'",
                "5: no user message"), Fixtures.rejects(items));
    }
}
