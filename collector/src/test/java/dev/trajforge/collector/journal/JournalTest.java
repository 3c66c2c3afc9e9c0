package dev.trajforge.collector.journal;

import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.testing.GoldConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JournalTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(5);

    @TempDir
    Path tmp;

    private static JournalEntry entry(long episode, int attempt, boolean failed) {
        var task = WORLD.tasks(5).get((int) episode % 5);
        var trajectory = GoldConversation.of(WORLD, task).build();
        ExportRecord record = failed ? ExportRecord.infraFailed(trajectory) : ExportRecord.accepted(trajectory, 1.0, 0.9, "fine", "openai/j");
        return new JournalEntry(episode, attempt, record, new Usage(2, 30, 4), Usage.NONE, failed ? "model_error: http_500" : null, task.intents());
    }

    @Test
    void should_read_back_exactly_what_was_journaled() {
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        JournalEntry written = entry(3, 1, false);
        try (Journal journal = Journal.open(file)) {
            journal.append(written);
        }
        JournalIndex index = JournalIndex.of(List.of(file));
        assertEquals(written, index.read(index.slot(3)));
    }

    @Test
    void should_cut_off_a_torn_last_line_and_keep_every_complete_one() throws Exception {
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        try (Journal journal = Journal.open(file)) {
            journal.append(entry(0, 1, false));
            journal.append(entry(1, 1, false));
        }
        Files.writeString(file, "2\t1\taccepted\t{\"episode\":2,\"att", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write
        assertNull(JournalIndex.of(List.of(file)).slot(2), "a torn line is not an entry");
        try (Journal journal = Journal.open(file)) {
            journal.append(entry(2, 1, false));
        }
        JournalIndex index = JournalIndex.of(List.of(file));
        assertEquals(3, index.size());
        assertEquals(entry(2, 1, false), index.read(index.slot(2)));
    }

    @Test
    void should_let_a_later_attempt_replace_an_infra_failure() {
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        try (Journal journal = Journal.open(file)) {
            journal.append(entry(4, 1, true));
            journal.append(entry(4, 2, false));
        }
        JournalIndex.Slot slot = JournalIndex.of(List.of(file)).slot(4);
        assertEquals(2, slot.attempt());
        assertEquals(dev.trajforge.exporter.RecordStatus.ACCEPTED, slot.status());
    }
}
