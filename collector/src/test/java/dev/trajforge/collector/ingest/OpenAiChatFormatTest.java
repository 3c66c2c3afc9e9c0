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
import static org.junit.jupiter.api.Assertions.assertNull;

class OpenAiChatFormatTest {
    private final List<IngestItem> items = Fixtures.read("openai-chat", "openai-chat.jsonl");

    @Test
    void should_read_a_tool_using_session_with_its_reasoning_and_tools() {
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("openai-chat.jsonl", 1, "openai-chat", "chat-1"), session.origin());
        assertRoles(session, SYSTEM, USER, ASSISTANT, TOOL, ASSISTANT);
        List<Message> m = session.messages();
        assertNull(m.get(2).content());
        assertEquals("I should look the order up.", m.get(2).reasoning());
        assertEquals(List.of(new ToolCall("call_a", "get_order", "{\"order_id\": \"#W1\"}")), m.get(2).toolCalls());
        assertEquals("call_a", m.get(3).toolCallId());
        assertEquals("get_order", m.get(3).name(), "a tool message takes its name from its call");
        assertEquals("{\"status\":\"shipped\"}", m.get(3).content());
        assertFalse(m.get(3).error());
        assertEquals("It has shipped.", m.get(4).content(), "text parts become the content");
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"get_order\",\"description\":\"Look up an order.\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}}}]",
                session.toolsJson());
    }

    @Test
    void should_reject_each_malformed_line_with_its_line_and_reason_and_read_on() {
        assertEquals(List.of(
                "2: bad JSON: unexpected end of input",
                "3: unknown role 'customer'",
                "4: tool result for unknown call 'call_zz'",
                "5: tool call 'call_b' has no result",
                "6: wrong type: messages must be a list",
                "7: empty conversation",
                "8: arguments of tool call 'call_c' are not a JSON object"), Fixtures.rejects(items));
        List<IngestItem.Session> sessions = Fixtures.sessions(items);
        assertEquals(2, sessions.size());
        assertEquals(10, sessions.get(1).origin().line(), "the blank line 9 is skipped, not rejected");
        assertEquals("[]", sessions.get(1).toolsJson());
    }

    @Test
    void should_keep_every_field_of_a_declared_function() throws java.io.IOException {
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"ping\",\"strict\":true}}]}";
        List<IngestItem> out = new java.util.ArrayList<>();
        SessionFormats.byName("openai-chat").read("t.jsonl", new java.io.BufferedReader(new java.io.StringReader(line)), out::add);
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"ping\",\"strict\":true,"
                + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]", Fixtures.sessions(out).getFirst().toolsJson());
    }
}
