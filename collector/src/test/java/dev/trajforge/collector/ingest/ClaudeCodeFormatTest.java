package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static dev.trajforge.collector.ingest.Fixtures.assertRoles;
import static dev.trajforge.simenv.Role.ASSISTANT;
import static dev.trajforge.simenv.Role.TOOL;
import static dev.trajforge.simenv.Role.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaudeCodeFormatTest {
    private final List<IngestItem> items = Fixtures.read("claude-code", "claude-code.jsonl");

    @Test
    void should_follow_the_parent_chain_to_the_last_leaf_leaving_side_chains_and_abandoned_branches_out() {
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("claude-code.jsonl", 0, "claude-code", "sess-cc-1"), session.origin());
        assertRoles(session, USER, ASSISTANT, TOOL, ASSISTANT, USER);
        List<String> contents = session.messages().stream().map(Message::content).toList();
        assertEquals(List.of("Run the tests.", "1 test failed", "One test fails; shall I fix it?", "Yes please."),
                contents.stream().filter(c -> c != null).toList());
        assertTrue(contents.stream().noneMatch(c -> c != null && (c.startsWith("Sub-agent") || c.contains("abandoned"))));
    }

    @Test
    void should_merge_the_records_of_one_assistant_message() {
        Message assistant = Fixtures.sessions(items).getFirst().messages().get(1);
        assertEquals("I will run mvn test.", assistant.reasoning());
        assertEquals(List.of(new ToolCall("toolu_1", "Bash", "{\"command\":\"mvn test\"}")), assistant.toolCalls());
        Message result = Fixtures.sessions(items).getFirst().messages().get(2);
        assertEquals("Bash", result.name());
        assertTrue(result.error());
    }

    @Test
    void should_reject_a_broken_line_and_still_read_the_session() {
        assertEquals(List.of("9: bad JSON: Unexpected character ('b' (code 98)): was expecting double-quote to start field name (column 2)"),
                Fixtures.rejects(items));
        assertEquals(1, Fixtures.sessions(items).size());
    }

    @Test
    void should_reject_the_session_when_its_chain_points_at_a_missing_record() throws IOException {
        String log = """
                {"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}
                {"type":"assistant","uuid":"u3","parentUuid":"u2","message":{"id":"m","role":"assistant","content":[{"type":"text","text":"hello"}]}}
                """;
        List<IngestItem> out = new ArrayList<>();
        SessionFormats.byName("claude-code").read("lost.jsonl", new BufferedReader(new StringReader(log)), out::add);
        assertEquals(List.of(new IngestItem.Rejected("lost.jsonl", 2, "claude-code", "parentUuid 'u2' not found")), out);
    }

    @Test
    void should_keep_the_turns_before_a_compaction() throws IOException {
        String log = """
                {"type":"user","uuid":"u1","parentUuid":null,"sessionId":"c","message":{"role":"user","content":"Start."}}
                {"type":"assistant","uuid":"u2","parentUuid":"u1","sessionId":"c","message":{"id":"m1","role":"assistant","content":[{"type":"text","text":"Started."}]}}
                {"type":"system","subtype":"compact_boundary","uuid":"b1","parentUuid":null,"logicalParentUuid":"u2","sessionId":"c","content":"Conversation compacted"}
                {"type":"user","uuid":"u3","parentUuid":"b1","isCompactSummary":true,"sessionId":"c","message":{"role":"user","content":"Summary: started."}}
                {"type":"assistant","uuid":"u4","parentUuid":"u3","sessionId":"c","message":{"id":"m2","role":"assistant","content":[{"type":"text","text":"Continuing."}]}}
                """;
        List<IngestItem> out = new ArrayList<>();
        SessionFormats.byName("claude-code").read("compacted.jsonl", new BufferedReader(new StringReader(log)), out::add);
        IngestItem.Session session = Fixtures.sessions(out).getFirst();
        assertEquals(List.of("Start.", "Started.", "Summary: started.", "Continuing."), session.messages().stream().map(Message::content).toList());
    }

    @Test
    void should_reject_a_sub_agent_log_that_has_only_side_chain_records() throws IOException {
        String log = """
                {"type":"user","uuid":"s1","parentUuid":null,"isSidechain":true,"message":{"role":"user","content":"Search."}}
                """;
        List<IngestItem> out = new ArrayList<>();
        SessionFormats.byName("claude-code").read("agent-1.jsonl", new BufferedReader(new StringReader(log)), out::add);
        assertEquals(List.of(new IngestItem.Rejected("agent-1.jsonl", 0, "claude-code", "only side-chain records (a sub-agent log)")), out);
    }
}
