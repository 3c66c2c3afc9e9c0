package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthJournalTest {
    private static final String SHA = "a".repeat(64);
    private static final ObjectNode CONFIG = Ideas.JSON.createObjectNode().put("seed", 7);

    @TempDir
    Path tmp;

    private static StageRecord done(String key) {
        return new StageRecord(key, StageRecord.Status.done, Ideas.JSON.createObjectNode().put("k", key), null, 2, 1, 100, 50,
                "/prompts/synth-tools.md", "b".repeat(64));
    }

    @Test
    void should_read_back_every_finished_item_after_a_restart() {
        Path file = tmp.resolve("journal.jsonl");
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            journal.append(done("domains/travel"));
            journal.append(new StageRecord("tools/hotel", StageRecord.Status.failed, null, "no valid answer", 3, 2, 10, 5, null, null));
        }
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            assertEquals(List.of("domains/travel", "tools/hotel"), List.copyOf(journal.records().keySet()));
            assertEquals(new Spend(2, 1, 100, 50), journal.records().get("domains/travel").spend());
            assertEquals("no valid answer", journal.records().get("tools/hotel").reason());
            assertEquals(List.of(), journal.damaged());
        }
    }

    @Test
    void should_cut_off_a_torn_last_line_and_forget_only_that_item() throws Exception {
        Path file = tmp.resolve("journal.jsonl");
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            journal.append(done("domains/travel"));
            journal.append(done("tools/hotel"));
        }
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 10));
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            assertEquals(List.of("domains/travel"), List.copyOf(journal.records().keySet()));
            journal.append(done("tools/hotel"));
        }
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            assertEquals(List.of("domains/travel", "tools/hotel"), List.copyOf(journal.records().keySet()));
        }
    }

    @Test
    void should_skip_and_report_a_line_whose_checksum_does_not_match() throws Exception {
        Path file = tmp.resolve("journal.jsonl");
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            journal.append(done("domains/travel"));
            journal.append(done("tools/hotel"));
        }
        Files.writeString(file, Files.readString(file).replace("\"k\":\"domains/travel\"", "\"k\":\"domains/trave1\""));
        try (SynthJournal journal = SynthJournal.open(file, SHA, CONFIG)) {
            assertEquals(List.of("tools/hotel"), List.copyOf(journal.records().keySet()));
            assertEquals(List.of("journal.jsonl line 2: bad checksum"), journal.damaged());
        }
    }

    @Test
    void should_refuse_a_journal_written_under_another_config() {
        Path file = tmp.resolve("journal.jsonl");
        SynthJournal.open(file, SHA, CONFIG).close();
        SynthesisRefusedException refused = assertThrows(SynthesisRefusedException.class, () -> SynthJournal.open(file, "c".repeat(64), CONFIG));
        assertTrue(refused.getMessage().contains("was synthesized under another config (sha256 aaaaaaaaaaaa…, this one is cccccccccccc…)"),
                refused.getMessage());
    }
}
