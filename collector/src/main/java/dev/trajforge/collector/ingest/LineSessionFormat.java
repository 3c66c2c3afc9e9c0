package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A JSON Lines format with one session per line. Blank lines are skipped; a line that is not a JSON
 * object, or whose session breaks a rule, is rejected at its line number and reading goes on.
 */
abstract class LineSessionFormat implements SessionFormat {

    @Override
    public void read(String displayName, BufferedReader in, Consumer<IngestItem> out) throws IOException {
        long lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            out.accept(readSession(displayName, lineNumber, line));
        }
    }

    IngestItem readSession(String displayName, long lineNumber, String line) {
        try {
            return readSession(displayName, lineNumber, Json.object(Json.parse(line), "a line"));
        } catch (Reject e) {
            return new IngestItem.Rejected(displayName, lineNumber, name(), e.reason());
        }
    }

    IngestItem readSession(String displayName, long lineNumber, ObjectNode record) {
        try {
            SessionBuilder session = new SessionBuilder();
            String tools = convert(record, session);
            var messages = session.finish();
            SessionOrigin origin = new SessionOrigin(displayName, lineNumber, name(), sessionId(record));
            return new IngestItem.Session(origin, messages, tools);
        } catch (Reject e) {
            return new IngestItem.Rejected(displayName, lineNumber, name(), e.reason());
        } catch (IllegalArgumentException e) { // the message model's own validation
            return new IngestItem.Rejected(displayName, lineNumber, name(), e.getMessage());
        }
    }

    /** Adds the record's messages to {@code session} and returns its tools as an OpenAI-style array. */
    abstract String convert(ObjectNode record, SessionBuilder session);

    /** The id the record gives its session: {@code id}, {@code session_id} or {@code sessionId}, if text. */
    String sessionId(JsonNode record) {
        for (String field : new String[] {"session_id", "sessionId", "id"}) {
            JsonNode value = record.get(field);
            if (value != null && value.isTextual()) return value.textValue();
        }
        return null;
    }
}
