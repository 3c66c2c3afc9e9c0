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

class ShareGptFormatTest {

    @Test
    void should_give_function_calls_deterministic_ids_answered_by_observations_in_order() {
        List<IngestItem> items = Fixtures.read("sharegpt", "sharegpt.jsonl");
        IngestItem.Session session = Fixtures.sessions(items).getFirst();
        assertEquals(new SessionOrigin("sharegpt.jsonl", 1, "sharegpt", null), session.origin());
        assertRoles(session, SYSTEM, USER, ASSISTANT, TOOL, ASSISTANT, USER, ASSISTANT, TOOL, TOOL, ASSISTANT);
        List<Message> m = session.messages();
        assertEquals("You are a weather bot.", m.get(0).content());
        assertEquals(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), m.get(2).toolCalls());
        assertEquals("call_1", m.get(3).toolCallId());
        assertEquals("get_weather", m.get(3).name());
        assertEquals(List.of(new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}"),
                new ToolCall("call_3", "get_weather", "{\"city\": \"Oslo\"}")), m.get(6).toolCalls(),
                "a list of calls is one assistant message; string arguments are kept verbatim");
        assertEquals("call_2", m.get(7).toolCallId());
        assertEquals("{\"temp_c\": 24}", m.get(7).content());
        assertEquals("call_3", m.get(8).toolCallId());
        assertEquals("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather for a city.\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]", session.toolsJson());
    }

    @Test
    void should_reject_each_malformed_line_with_its_line_and_reason() {
        List<IngestItem> items = Fixtures.read("sharegpt", "sharegpt.jsonl");
        assertEquals(List.of(
                "2: unknown role 'bot'",
                "3: function_call value is not JSON: unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 12)",
                "4: observation without a function_call",
                "5: empty conversation"), Fixtures.rejects(items));
    }

    @Test
    void should_read_a_json_array_with_each_session_at_the_line_its_object_starts() {
        List<IngestItem> items = Fixtures.read("sharegpt", "sharegpt-array.json");
        assertEquals(List.of("7: no user message"), Fixtures.rejects(items));
        List<IngestItem.Session> sessions = Fixtures.sessions(items);
        assertEquals(List.of(2L, 10L), sessions.stream().map(s -> s.origin().line()).toList());
        assertRoles(sessions.get(0), SYSTEM, USER, ASSISTANT);
        assertEquals("Hi there!", sessions.get(0).messages().get(2).content());
        assertEquals(List.of("7: no user message"), Fixtures.rejects(items));
    }
}
