package dev.trajforge.collector.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionFormatsTest {

    @Test
    void should_know_every_format_by_its_name() {
        assertEquals(List.of("openai-chat", "openai-responses", "anthropic", "sharegpt", "claude-code", "codex"), SessionFormats.names());
        for (String name : SessionFormats.names()) assertEquals(name, SessionFormats.byName(name).name());
    }

    @Test
    void should_list_the_known_names_when_a_name_is_unknown() {
        var e = assertThrows(IllegalArgumentException.class, () -> SessionFormats.byName("langsmith"));
        assertEquals("unknown session format 'langsmith'; known formats: openai-chat, openai-responses, anthropic, sharegpt, claude-code, codex",
                e.getMessage());
    }
}
