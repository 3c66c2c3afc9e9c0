package dev.trajforge.spark;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.run.EpisodeBatch;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partition's journal: episodes count once durable, a torn line a killed writer leaves is run again,
 * of two attempts that both finish (a speculative copy) exactly one commits, so no row is added twice,
 * and what earlier attempts made durable is read once per episode (for a budget's spend and counts).
 */
class PartitionJournalTest {
    static EpisodeBatch batch;
    static final Partitions PARTITIONS = new Partitions(4, 2, 2); // partition 0: episodes 0..3

    @TempDir
    java.nio.file.Path tmp;

    @BeforeAll
    static void openBatch() {
        LoadedConfig loaded = ConfigLoader.load(LocalModeRunTest.QUICKSTART, List.of("tasks=4", "trials=2"));
        batch = EpisodeBatch.open(loaded, (episode, attempt, failure, detail) -> { });
    }

    @Test
    void should_commit_the_first_finished_attempt_only_and_read_each_episode_once() throws Exception {
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        PartitionJournal journal = new PartitionJournal(fs, new Path(tmp.toUri()), PARTITIONS, 0);
        List<PartitionJournal.Source> first = attempt(journal, "0-1");
        List<PartitionJournal.Source> speculative = attempt(journal, "0-2");

        assertTrue(journal.commit(first, "0-1"));
        assertFalse(journal.commit(speculative, "0-2"), "the speculative copy loses");
        List<Long> read = new ArrayList<>();
        journal.read(entry -> read.add(entry.episode()));
        assertEquals(List.of(0L, 1L, 2L, 3L), read);
        assertEquals(first, journal.committedSources());
    }

    @Test
    void should_read_only_the_wanted_episodes_when_asked_for_some() throws Exception {
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        PartitionJournal journal = new PartitionJournal(fs, new Path(tmp.toUri()), PARTITIONS, 0);
        assertTrue(journal.commit(attempt(journal, "0-1"), "0-1"));
        List<Long> read = new ArrayList<>();
        journal.read(episode -> episode == 1 || episode == 3, entry -> read.add(entry.episode()));
        assertEquals(List.of(1L, 3L), read);
    }

    @Test
    void should_not_count_a_torn_last_line_as_durable() throws Exception {
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        PartitionJournal journal = new PartitionJournal(fs, new Path(tmp.toUri()), PARTITIONS, 0);
        try (PartitionJournal.Attempt out = journal.open("0-1")) {
            out.append(batch.run(0, 1));
            out.append(batch.run(1, 1));
        }
        Path file = new Path(new Path(new Path(tmp.toUri()), "spark/part-00000"), "attempt-0-1.jsonl");
        byte[] torn = new String(dev.trajforge.collector.journal.JournalLines.render(batch.run(2, 1))).substring(0, 40).getBytes();
        try (FSDataOutputStream append = fs.append(file)) {
            append.write(torn);
        }

        PartitionJournal.Durable durable = journal.durable();
        assertEquals("{0, 1}", durable.done().toString());
        assertEquals(fs.getFileStatus(file).getLen() - torn.length, durable.sources().get(0).bytes());
    }

    @Test
    void should_read_each_durable_episode_once_and_count_the_entries_of_each_jobs_attempt_files() throws Exception {
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        PartitionJournal journal = new PartitionJournal(fs, new Path(tmp.toUri()), PARTITIONS, 0);
        try (PartitionJournal.Attempt out = journal.open("jobA-0-1")) {
            out.append(batch.run(0, 1));
            out.append(batch.run(1, 1));
        }
        try (PartitionJournal.Attempt out = journal.open("jobB-0-1")) {
            out.append(batch.run(1, 1)); // run again (its first line was, say, damaged)
            out.append(batch.run(2, 1));
        }

        PartitionJournal.Durable durable = journal.durable();
        assertEquals(2, durable.entriesIn("attempt-jobA-"));
        assertEquals(2, durable.entriesIn("attempt-jobB-"));
        assertEquals(0, durable.entriesIn("attempt-jobC-"));
        List<Long> read = new ArrayList<>();
        journal.readDurable(durable, entry -> read.add(entry.episode()));
        assertEquals(List.of(0L, 1L, 2L), read);
    }

    private static List<PartitionJournal.Source> attempt(PartitionJournal journal, String id) throws Exception {
        List<PartitionJournal.Source> sources = new ArrayList<>(journal.durable().sources());
        try (PartitionJournal.Attempt out = journal.open(id)) {
            for (long e = PARTITIONS.first(0); e < PARTITIONS.end(0); e++) {
                JournalEntry entry = batch.run(e, 1);
                out.append(entry);
            }
            sources.add(out.source());
        }
        return sources;
    }
}
