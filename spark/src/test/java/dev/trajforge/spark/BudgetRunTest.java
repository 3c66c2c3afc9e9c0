package dev.trajforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.run.RunTally;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's budget in a Spark job: each partition stops at its share, nothing is committed, the job exits 4 as
 * {@code trajforge run} does, and submitting again (from a new Spark application) resumes without running a durable
 * episode again, to the rows a single-process run writes.
 */
class BudgetRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SMALL = {"--set", "tasks=40", "--set", "trials=2"};

    @TempDir
    java.nio.file.Path tmp;
    SparkSession spark;

    @AfterEach
    void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void should_stop_each_partition_at_its_share_of_max_episodes_commit_nothing_and_resume_to_the_rows_of_a_single_process_run()
            throws Exception {
        java.nio.file.Path single = tmp.resolve("single");
        assertEquals(0, TrajforgeCli.execute(args("run", LocalModeRunTest.QUICKSTART.toString(), "--out", single.toString(), "--quiet")));
        java.nio.file.Path out = tmp.resolve("spark");
        String[] submit = args("run", LocalModeRunTest.QUICKSTART.toString(), "--out", out.toString(), "--partitions", "4");

        spark = session();
        assertEquals(4, TrajforgeSpark.run(with(submit, "--set", "budget.maxEpisodes=10")));

        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("manifest.json")));
        assertFalse(Files.exists(out.resolve("data")));
        Partitions partitions = new Partitions(40, 2, 4);
        assertEquals(List.of(3L, 3L, 2L, 2L), journaled(out, partitions), "10 episodes shared out by the partitions' 20 episodes each");
        for (int p = 0; p < 4; p++) assertFalse(journal(out, partitions, p).committed(), "partition " + p + " stopped uncommitted");

        // a new Spark application, whose task attempt ids start from 0 again, as a new spark-submit's do
        spark.stop();
        spark = session();
        assertEquals(0, TrajforgeSpark.run(submit));

        assertEquals(SparkRows.of(single), SparkRows.of(out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(List.of(20L, 20L, 20L, 20L), journaled(out, partitions), "no durable episode ran again");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(70, manifest.at("/metrics/spark/episodes_run_by_this_job").asLong());
    }

    @Test
    void should_stop_each_partition_once_its_spend_reaches_its_share_of_max_cost_and_resume_to_a_single_process_runs_spend() throws Exception {
        try (LoopbackAgent agent = LoopbackAgent.start()) {
            java.nio.file.Path single = tmp.resolve("single");
            java.nio.file.Path config = agent.config(tmp, 12, "");
            assertEquals(0, TrajforgeCli.execute("run", config.toString(), "--out", single.toString(), "--quiet"));
            JsonNode expected = JSON.readTree(single.resolve("manifest.json").toFile());
            double maxCostUsd = 0.002;
            assertTrue(expected.at("/usage/agent/cost_usd").asDouble() > 3 * maxCostUsd, "the run costs " + expected.at("/usage/agent/cost_usd"));

            java.nio.file.Path out = tmp.resolve("spark");
            String[] submit = {"run", config.toString(), "--out", out.toString(), "--partitions", "3"};
            spark = session();
            assertEquals(4, TrajforgeSpark.run(with(submit, "--set", "budget.maxCostUsd=" + maxCostUsd)));

            assertFalse(Files.exists(out.resolve("_SUCCESS")));
            Partitions partitions = new Partitions(12, 2, 3);
            RunConfig priced = ConfigLoader.load(config, List.of()).config();
            // at most 2 episodes in flight per task (concurrency 4 over 2 slots) finish past the share, each at most 6 calls
            double mostPerEpisode = 6 * (LoopbackAgent.PROMPT_TOKENS * 1.0 + LoopbackAgent.COMPLETION_TOKENS * 2.0) / 1_000_000;
            for (int p = 0; p < 3; p++) {
                PartitionJournal journal = journal(out, partitions, p);
                RunTally spent = new RunTally(priced);
                journal.readDurable(journal.durable(), spent::add);
                double share = maxCostUsd / 3;
                assertFalse(journal.committed(), "partition " + p);
                assertTrue(spent.costUsd() >= share, "partition " + p + " stopped at its share: spent " + spent.costUsd());
                assertTrue(spent.costUsd() < share + 2 * mostPerEpisode, "partition " + p + " started nothing past its share: " + spent.costUsd());
            }

            assertEquals(0, TrajforgeSpark.run(submit));
            JsonNode job = JSON.readTree(out.resolve("manifest.json").toFile());
            assertEquals(expected.get("usage"), job.get("usage"), "every episode paid for once");
            for (String key : List.of("episodes", "accepted", "rejected", "infra_failed")) assertEquals(expected.get(key), job.get(key), key);
        }
    }

    private static List<Long> journaled(java.nio.file.Path out, Partitions partitions) throws Exception {
        List<Long> entries = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) entries.add(journal(out, partitions, p).entriesInAttemptFiles());
        return entries;
    }

    private static PartitionJournal journal(java.nio.file.Path out, Partitions partitions, int p) throws Exception {
        return new PartitionJournal(FileSystem.get(SparkRun.hadoop()), new Path(out.resolve("_trajforge").toUri()), partitions, p);
    }

    private static SparkSession session() {
        return LocalSpark.start(BudgetRunTest.class);
    }

    private static String[] args(String... head) {
        return with(head, SMALL);
    }

    private static String[] with(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
