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

    @Test
    void should_blame_a_call_left_without_result_on_the_line_of_the_call() {
        assertEquals(List.of("3: tool call 'call_lost' has no result"), Fixtures.rejects(Fixtures.read("codex", "codex-unanswered.jsonl")));
    }

    @Test
    void should_read_the_bare_2025_format_the_same_way() {
        List<IngestItem> items = Fixtures.read("codex", "codex-bare.jsonl");
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("codex-bare.jsonl", 0, "codex", "0198-bare"), session.origin());
        assertRoles(session, USER, ASSISTANT, TOOL, ASSISTANT);
        assertEquals("Wed Aug 20", session.messages().get(2).content());
        assertEquals(List.of(), Fixtures.rejects(items));
    }

    @Test
    void should_skip_git_snapshot_items_and_keep_free_form_tool_calls() throws java.io.IOException {
        String log = """
                {"type":"session_meta","payload":{"id":"s"}}
                {"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Patch it."}]}}
                {"type":"response_item","payload":{"type":"ghost_snapshot","ghost_commit":{"id":"abc"}}}
                {"type":"response_item","payload":{"type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}}
                {"type":"response_item","payload":{"type":"custom_tool_call_output","call_id":"call_p","output":"Done"}}
                """;
        List<IngestItem> items = new java.util.ArrayList<>();
        SessionFormats.byName("codex").read("patch.jsonl", new java.io.BufferedReader(new java.io.StringReader(log)), items::add);
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertRoles(session, USER, ASSISTANT, TOOL);
        assertEquals(List.of(new ToolCall("call_p", "apply_patch", "{\"input\":\"*** Begin Patch\"}")), session.messages().get(1).toolCalls(),
                "free-form input is kept whole as the argument 'input'");
        assertEquals("apply_patch", session.messages().get(2).name());
    }
}
