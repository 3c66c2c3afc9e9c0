package dev.trajforge.collector.ingest;

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

class CodexFormatTest {

    @Test
    void should_read_response_items_as_one_session_with_the_meta_id() {
        List<IngestItem> items = Fixtures.read("codex", "codex.jsonl");
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("codex.jsonl", 0, "codex", "0199-codex-1"), session.origin());
        assertRoles(session, SYSTEM, USER, ASSISTANT, TOOL, ASSISTANT);
        List<Message> m = session.messages();
        assertEquals("Sandbox: workspace-write.", m.get(0).content(), "a developer message is a system message");
        assertEquals("Use ls.", m.get(2).reasoning());
        assertEquals(List.of(new ToolCall("call_x1", "shell", "{\"command\":[\"ls\"]}")), m.get(2).toolCalls());
        assertEquals("shell", m.get(3).name());
        assertEquals("There is one file: pom.xml.", m.get(4).content());
        assertEquals("[]", session.toolsJson());
        assertEquals(List.of("8: bad JSON: unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 4)"),
                Fixtures.rejects(items), "event_msg and turn_context records are skipped, a broken line is rejected");
    }

    @Test
    void should_reject_the_session_at_the_record_that_breaks_it() {
        List<IngestItem> items = Fixtures.read("codex", "codex-broken.jsonl");
        assertEquals(List.of("3: tool result for unknown call 'call_missing'"), Fixtures.rejects(items));
        assertEquals(0, Fixtures.sessions(items).size());
    }
}
