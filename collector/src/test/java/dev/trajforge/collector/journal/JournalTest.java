package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class JournalTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(5);
    public static final JournalHeader HEADER = new JournalHeader("test", "0/1", "a".repeat(64),
            JsonNodeFactory.instance.objectNode().put("runId", "test"));

    @TempDir
    Path tmp;

    private static JournalEntry entry(long episode, int attempt, boolean failed) {
        var task = WORLD.tasks(5).get((int) episode % 5);
        var trajectory = GoldConversation.of(WORLD, task).build();
        ExportRecord record = failed ? ExportRecord.infraFailed(trajectory) : ExportRecord.accepted(trajectory, 1.0, 0.9, "fine", "openai/j");
        return new JournalEntry(episode, attempt, record, new Usage(2, 30, 4), Usage.NONE, failed ? "model_error: http_500" : null, task.intents());
    }

    private Path journalOf(JournalEntry... entries) {
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        try (Journal journal = Journal.open(file, HEADER, false)) {
            for (JournalEntry entry : entries) journal.append(entry);
        }
        return file;
    }

    @Test
    void should_read_back_exactly_what_was_journaled_with_the_header_it_was_written_under() {
        JournalEntry written = entry(3, 1, false);
        Path file = journalOf(written);
        JournalIndex index = JournalIndex.of(List.of(file), 10);
        assertEquals(written, index.read(index.slot(3)));
        assertEquals(HEADER, index.files().getFirst().latestHeader());
        assertEquals(List.of(), index.damaged());
    }

    @Test
    void should_cut_off_a_torn_last_line_and_keep_every_complete_one() throws Exception {
        Path file = journalOf(entry(0, 1, false), entry(1, 1, false));
        Files.writeString(file, "2\t1\taccepted\t0badc0de\t{\"episode\":2,\"att", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write
        JournalIndex torn = JournalIndex.of(List.of(file), 10);
        assertNull(torn.slot(2), "a torn line is not an entry");
        assertEquals(4, torn.damaged().getFirst().line());
        try (Journal journal = Journal.open(file, HEADER, false)) {
            journal.append(entry(2, 1, false));
        }
        JournalIndex index = JournalIndex.of(List.of(file), 10);
        assertEquals(3, index.size());
        assertEquals(entry(2, 1, false), index.read(index.slot(2)));
    }

    @Test
    void should_let_a_later_attempt_replace_an_infra_failure() {
        JournalIndex.Slot slot = JournalIndex.of(List.of(journalOf(entry(4, 1, true), entry(4, 2, false))), 10).slot(4);
        assertEquals(2, slot.attempt());
        assertEquals(RecordStatus.ACCEPTED, slot.status());
    }

    @Test
    void should_list_every_damaged_line_with_its_number_and_reason_and_index_the_rest() throws Exception {
        Path file = journalOf(entry(0, 1, false), entry(1, 1, false), entry(2, 1, false), entry(3, 1, false), entry(4, 1, false));
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replaceFirst("^0\t1\t", "x\t1\t"));                       // episode not a number
        lines.set(2, lines.get(2).replaceFirst("\taccepted\t", "\tacepted\t"));            // unknown status
        lines.set(3, lines.get(3).replace("\"episode\":2", "\"episode\":7"));             // JSON changed: checksum mismatch
        lines.set(4, lines.get(4).replaceFirst("^3\t", "99\t"));                           // episode outside the run
        Files.write(file, lines);

        JournalIndex index = JournalIndex.of(List.of(file), 10);

        assertEquals(List.of(2L, 3L, 4L, 5L), index.damaged().stream().map(DamagedLine::line).toList());
        assertTrue(index.damaged().get(0).reason().contains("not a number"), index.damaged().get(0).reason());
        assertTrue(index.damaged().get(1).reason().contains("unknown status 'acepted'"), index.damaged().get(1).reason());
        assertTrue(index.damaged().get(2).reason().contains("checksum mismatch"), index.damaged().get(2).reason());
        assertTrue(index.damaged().get(3).reason().contains("episode 99 is outside this run"), index.damaged().get(3).reason());
        assertEquals(1, index.size());
        assertEquals(entry(4, 1, false), index.read(index.slot(4)));
    }

    @Test
    void should_set_damaged_lines_aside_keeping_them_and_leave_a_journal_that_reads_clean() throws Exception {
        Path file = journalOf(entry(0, 1, false), entry(1, 1, false));
        List<String> lines = Files.readAllLines(file);
        String damaged = lines.get(1).replace("\"episode\":0", "\"episode\":5");
        lines.set(1, damaged);
        Files.write(file, lines);
        JournalIndex before = JournalIndex.of(List.of(file), 10);

        Path aside = JournalRepair.setAside(file, before.damaged(), tmp.resolve("damaged"));

        JournalIndex after = JournalIndex.of(List.of(file), 10);
        assertEquals(List.of(), after.damaged());
        assertNull(after.slot(0), "the damaged line's episode counts as not run");
        assertEquals(entry(1, 1, false), after.read(after.slot(1)));
        String kept = Files.readString(aside);
        assertTrue(kept.contains("\"line\":2") && kept.contains("checksum mismatch"), kept);
        assertTrue(kept.contains("episode\\\":5"), "the damaged text is kept as it was: " + kept);
    }

    @Test
    void should_fail_every_append_after_the_first_failure_with_the_same_one_line_cause() throws Exception {
        Path file = journalOf(entry(0, 1, false));
        Journal journal = Journal.open(file, HEADER, false);
        journal.close(); // writes now fail as a full disk would: the channel refuses
        JournalWriteException first = assertThrows(JournalWriteException.class, () -> journal.append(entry(1, 1, false)));
        JournalWriteException second = assertThrows(JournalWriteException.class, () -> journal.append(entry(2, 1, false)));
        assertEquals(first, second);
        assertTrue(first.getMessage().startsWith("cannot write the run journal " + file), first.getMessage());
        assertEquals(1, first.getMessage().lines().count());
    }
}
