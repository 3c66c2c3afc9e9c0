package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reward checks travel with the journaled record; lines journaled before they were kept still load. */
class JournalEntryChecksTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(5);
    private static final List<RewardCheck> CHECKS = List.of(RewardCheck.deterministic("termination", true),
            RewardCheck.deterministic("state", false), RewardCheck.rubricJudge(0.4, 0.5));

    @TempDir
    Path tmp;

    private static JournalEntry rejected() {
        var task = WORLD.tasks(5).getFirst();
        ExportRecord record = ExportRecord.rejected(GoldConversation.of(WORLD, task).build(), 0.4, "wrong state", "openai/j",
                List.of("final_state_mismatch")).withChecks(CHECKS);
        return new JournalEntry(0, 1, record, new Usage(2, 30, 4), Usage.NONE, null, task.intents());
    }

    @Test
    void should_read_back_the_reward_checks_of_a_journaled_record_in_order() {
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        try (Journal journal = Journal.open(file, JournalTest.HEADER, false)) {
            journal.append(rejected());
        }
        JournalIndex index = JournalIndex.of(List.of(file), 100);

        assertEquals(CHECKS, index.read(index.slot(0)).record().checks());
    }

    @Test
    void should_load_a_line_journaled_before_reward_checks_were_kept_with_no_checks() throws Exception {
        JournalEntry entry = rejected();
        ObjectNode json = Journal.JSON.valueToTree(entry);
        ObjectNode record = (ObjectNode) json.get("record");
        record.remove("checks");
        record.remove("intents");
        Path file = tmp.resolve("journal-0-of-1.jsonl");
        Files.writeString(file, "0\t1\trejected\t" + Journal.JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);

        JournalIndex index = JournalIndex.of(List.of(file), 100);
        JournalEntry old = index.read(index.slot(0));

        assertEquals(List.of(), old.record().checks());
        assertEquals(entry.record().withChecks(List.of()), old.record());
        assertEquals(entry.intents(), old.intents());
    }
}
