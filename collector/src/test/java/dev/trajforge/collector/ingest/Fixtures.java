package dev.trajforge.collector.ingest;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads the fixtures under {@code src/test/resources/ingest/} with a named format. */
final class Fixtures {
    private Fixtures() {
    }

    static List<IngestItem> read(String format, String fixture) {
        List<IngestItem> items = new ArrayList<>();
        var stream = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/ingest/" + fixture), fixture);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            SessionFormats.byName(format).read(fixture, in, items::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    static List<IngestItem.Session> sessions(List<IngestItem> items) {
        return items.stream().filter(IngestItem.Session.class::isInstance).map(IngestItem.Session.class::cast).toList();
    }

    /** Each reject as "line: reason". */
    static List<String> rejects(List<IngestItem> items) {
        return items.stream().filter(IngestItem.Rejected.class::isInstance).map(IngestItem.Rejected.class::cast)
                .map(r -> r.line() + ": " + r.reason()).toList();
    }

    static List<Role> roles(IngestItem.Session session) {
        return session.messages().stream().map(Message::role).toList();
    }

    static void assertRoles(IngestItem.Session session, Role... roles) {
        assertEquals(List.of(roles), roles(session));
    }
}
