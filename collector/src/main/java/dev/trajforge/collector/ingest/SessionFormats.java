package dev.trajforge.collector.ingest;

import java.util.List;

/** The session formats {@code trajforge ingest --format} knows, by name. */
public final class SessionFormats {
    private static final List<SessionFormat> ALL = List.of(
            new OpenAiChatFormat(),
            new OpenAiResponsesFormat(),
            new AnthropicFormat(),
            new ShareGptFormat(),
            new ClaudeCodeFormat(),
            new CodexFormat());

    private SessionFormats() {
    }

    /** The format called {@code name}; an unknown name is an IllegalArgumentException that lists the known ones. */
    public static SessionFormat byName(String name) {
        for (SessionFormat format : ALL) {
            if (format.name().equals(name)) return format;
        }
        throw new IllegalArgumentException("unknown session format '" + name + "'; known formats: " + String.join(", ", names()));
    }

    public static List<String> names() {
        return ALL.stream().map(SessionFormat::name).toList();
    }
}
