package dev.trajforge.simenv.agent;

import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.PromptResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A phrase file's composites: declared as data, validated when parsed, filled from a call's arguments. */
class AgentPhrasesTest {
    private static final String BODY = """
            "ask": {"generic": ["Could you give me {slots}?"]},
            "confirm": {"book": "Book {when}? (yes/no)", "default": "Run {tool}? (yes/no)"},
            "done": {"default": "Done: {facts}."},
            "anything_else": ["Anything else?"], "declined": "OK.", "handoff_summary": "Needs a human."
            """;

    private static PromptResource file(String json) {
        return new PromptResource("test/agent-phrases.json", json, Hashing.sha256Hex(json));
    }

    private static AgentPhrases phrases(String composites) {
        return AgentPhrases.parse(file("{\"composites\": " + composites + ",\n" + BODY + "}"));
    }

    @Test
    void should_fill_a_confirmation_with_a_composite_built_from_the_calls_arguments() {
        AgentPhrases phrases = phrases("{\"when\": \"{date}{ at time}\"}");

        Map<String, String> values = phrases.withComposites(Map.of("date", "May 1", "time", "10:00"));

        assertEquals("Book May 1 at 10:00? (yes/no)", phrases.confirm("book", values));
        assertEquals("May 1", phrases.withComposites(Map.of("date", "May 1")).get("when"));
    }

    @Test
    void should_leave_out_a_composite_whose_required_argument_the_call_lacks_and_never_override_an_argument() {
        AgentPhrases phrases = phrases("{\"when\": \"{date}{ at time}\"}");

        assertFalse(phrases.withComposites(Map.of("time", "10:00")).containsKey("when"));
        assertEquals("soon", phrases.withComposites(Map.of("date", "May 1", "when", "soon")).get("when"));
    }

    @Test
    void should_need_no_composites_at_all() {
        AgentPhrases phrases = AgentPhrases.parse(file("{" + BODY + "}"));

        assertEquals(Map.of("date", "May 1"), phrases.withComposites(Map.of("date", "May 1")));
    }

    @Test
    void should_refuse_a_phrase_file_with_a_malformed_composite_naming_the_file() {
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> phrases("{\"when\": \"{date\"}"));
        IllegalStateException reserved = assertThrows(IllegalStateException.class, () -> phrases("{\"facts\": \"{date}\"}"));

        assertTrue(bad.getMessage().contains("test/agent-phrases.json") && bad.getMessage().contains("composite when"), bad.getMessage());
        assertTrue(reserved.getMessage().contains("composite 'facts'"), reserved.getMessage());
    }

    @Test
    void should_ask_the_user_to_act_on_their_device_with_a_boolean_argument_in_words_and_fall_back_to_a_plain_request() {
        AgentPhrases phrases = AgentPhrases.parse(file("{\"device\": {\"toggle_airplane_mode\": \"Set airplane mode {enabled|on|off} on {phone}.\"},\n" + BODY + "}"));

        assertEquals("Set airplane mode off on 555-0100.", phrases.device("toggle_airplane_mode", Map.of("enabled", "false", "phone", "555-0100")));
        assertEquals("Set airplane mode on on 555-0100.", phrases.device("toggle_airplane_mode", Map.of("enabled", "true", "phone", "555-0100")));
        assertEquals("Please do this on your device: reboot_device with {}, and tell me what it shows.",
                phrases.device("reboot_device", Map.of("tool", "reboot_device", "arguments", "{}")));
    }
}
