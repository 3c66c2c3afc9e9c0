package dev.trajforge.spark;

import dev.trajforge.collector.cli.TrajforgeCli;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A collection task that fails part-way is retried by Spark and does not run its durable episodes again. */
class RetriedPartitionTest {
    private static final String[] SMALL = {"--set", "tasks=40", "--set", "trials=2"};

    @TempDir
    java.nio.file.Path tmp;
    SparkSession spark;

    @AfterEach
    void stop() {
        System.clearProperty(InjectedFaults.FAIL_AFTER);
        if (spark != null) spark.stop();
    }

    @Test
    void should_finish_a_failed_task_on_retry_without_running_a_durable_episode_twice_and_write_the_same_rows() throws Exception {
        java.nio.file.Path single = tmp.resolve("single");
        assertEquals(0, TrajforgeCli.execute(args("run", LocalModeRunTest.QUICKSTART.toString(), "--out", single.toString(), "--quiet")));

        // local[2,4]: two cores, a task may fail up to 4 times; every first attempt fails once 5 of its episodes are durable
        spark = SparkSession.builder().master("local[2,4]").appName("RetriedPartitionTest").config("spark.ui.enabled", "false").getOrCreate();
        System.setProperty(InjectedFaults.FAIL_AFTER, "5");
        java.nio.file.Path out = tmp.resolve("spark");
        assertEquals(0, TrajforgeSpark.run(args("run", LocalModeRunTest.QUICKSTART.toString(), "--out", out.toString(), "--partitions", "4")));

        assertEquals(SparkRows.of(single), SparkRows.of(out));
        Partitions partitions = new Partitions(40, 2, 4);
        FileSystem fs = FileSystem.get(SparkRun.hadoop());
        Path runDir = new Path(out.resolve("_trajforge").toUri());
        long journaled = 0;
        for (int p = 0; p < partitions.count(); p++) {
            PartitionJournal journal = new PartitionJournal(fs, runDir, partitions, p);
            assertTrue(journal.committed(), "partition " + p + " committed");
            assertEquals(2, journal.committedSources().size(), "partition " + p + ": the failed attempt's file and the retry's");
            journaled += journal.entriesInAttemptFiles();
        }
        assertEquals(partitions.episodes(), journaled, "episodes journaled across all attempts: none ran twice");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    private static String[] args(String... head) {
        String[] all = new String[head.length + SMALL.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
        return all;
    }
}
