package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Message;

import java.util.List;

/** What reading a session log yields: a session in the project's message model, or a rejected line or session and why. */
public sealed interface IngestItem permits IngestItem.Session, IngestItem.Rejected {

    /**
     * A session whose messages passed validation: at least one user message, every tool call answered by
     * exactly one tool message, every call's arguments a JSON object. {@code toolsJson} is an OpenAI-style
     * tool array ({@code []} when the log declared no tools).
     */
    record Session(SessionOrigin origin, List<Message> messages, String toolsJson) implements IngestItem {
        public Session {
            if (origin == null) throw new IllegalArgumentException("session needs an origin");
            messages = List.copyOf(messages);
            if (messages.isEmpty()) throw new IllegalArgumentException("session " + origin + " has no messages");
            toolsJson = toolsJson == null ? "[]" : toolsJson;
        }
    }

    /** A line (or, for whole-file formats, a session; line 0 when no single line is to blame) that could not become a valid session. */
    record Rejected(String file, long line, String format, String reason) implements IngestItem {
        public Rejected {
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("rejected item needs a reason");
        }
    }
}
