package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.SessionOrigin;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A JSON Lines format where a whole file is one session (agent CLIs' session logs). A line that is
 * not a JSON object is rejected at its line and left out; the session is built from the other records
 * and, if it breaks a rule, rejected at the line of the record to blame (0 when no single record is).
 */
abstract class FileSessionFormat implements SessionFormat {

    /** One parsed line. */
    record Line(long number, ObjectNode record) {
    }

    @Override
    public void read(String displayName, BufferedReader in, Consumer<IngestItem> out) throws IOException {
        List<Line> lines = new ArrayList<>();
        long number = 0;
        String text;
        while ((text = in.readLine()) != null) {
            number++;
            if (text.isBlank()) continue;
            try {
                lines.add(new Line(number, Json.object(Json.parse(text), "a line")));
            } catch (Reject e) {
                out.accept(new IngestItem.Rejected(displayName, number, name(), e.reason()));
            }
        }
        try {
            SessionBuilder session = new SessionBuilder();
            String sessionId = convert(lines, session);
            var messages = session.finish();
            out.accept(new IngestItem.Session(new SessionOrigin(displayName, 0, name(), sessionId), messages, "[]"));
        } catch (Reject e) {
            out.accept(new IngestItem.Rejected(displayName, e.line(), name(), e.reason()));
        } catch (IllegalArgumentException e) { // the message model's own validation
            out.accept(new IngestItem.Rejected(displayName, 0, name(), e.getMessage()));
        }
    }

    /** Adds the file's messages to {@code session} and returns the session id the file gives, or null. */
    abstract String convert(List<Line> lines, SessionBuilder session);

    /** Runs {@code step} for {@code line}, blaming that line for any Reject without a line of its own. */
    static void at(Line line, SessionBuilder session, Runnable step) {
        session.atLine(line.number());
        try {
            step.run();
        } catch (Reject e) {
            throw e.line() == 0 ? new Reject(e.reason(), line.number()) : e;
        }
    }
}
