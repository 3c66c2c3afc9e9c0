package dev.trajforge.collector.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process dies inside the dataset commit — at each of its steps, by SIGKILL (a fail point halts the
 * JVM exactly there), SIGTERM or SIGINT (a fail point pauses there and the test sends the signal) — and
 * the same command, run again, ends with exit 0, {@code _SUCCESS} and the files of an uninterrupted run.
 */
class CommitInterruptionTest {
    private static final String[] SMALL = {"--quiet", "--set", "tasks=40", "--set", "trials=2"};

    @TempDir
    static Path shared;
    static Map<String, String> reference;
    /** a run directory with every episode journaled and nothing committed */
    static Path prepared;

    @TempDir
    Path tmp;

    static String[] args(Path out, String... more) {
        return Stream.of(new String[] {"run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString()}, SMALL, more)
                .flatMap(Stream::of).toArray(String[]::new);
    }

    @BeforeAll
    static void uninterruptedRunAndAFullJournal() throws Exception {
        Path out = shared.resolve("reference");
        assertEquals(0, ChildRun.run(shared.resolve("reference.log"), null, args(out)), Files.readString(shared.resolve("reference.log")));
        reference = QuickstartTest.shardHashes(out);
        prepared = shared.resolve("prepared");
        assertEquals(137, ChildRun.run(shared.resolve("prepared.log"), "commit.locked", args(prepared)), "halted with the commit lock taken");
        assertFalse(Files.exists(prepared.resolve("_SUCCESS")));
    }

    /** A fresh output holding a copy of the prepared run directory: every episode journaled, the commit not started. */
    private Path journaledRun(String name) throws Exception {
        Path out = tmp.resolve(name);
        Path from = prepared.resolve("_trajforge");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = out.resolve("_trajforge").resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(to);
                else Files.copy(file, to);
            }
        }
        return out;
    }

    private void assertResumesToTheUninterruptedDataset(Path out, String what) throws Exception {
        Path log = tmp.resolve("resume.log");
        assertEquals(0, ChildRun.run(log, null, args(out)), what + ": " + Files.readString(log));
        assertTrue(Files.exists(out.resolve("_SUCCESS")), what);
        assertFalse(Files.exists(out.resolve("_temporary")), what + ": nothing staged is left");
        assertEquals(reference, QuickstartTest.shardHashes(out), what);
        String accepted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("accepted").asText();
        assertTrue(Files.readString(out.resolve("report.html")).contains("data-metric=\"accepted\">" + accepted + "<"), what + ": the report shows the dataset");
        assertFalse(Files.readString(log).contains("waiting for workers"), what);
        assertEquals(0, CliRun.of("validate", out.toString()).exitCode(), what);
    }

    @ParameterizedTest(name = "kill -9 at {0}")
    @ValueSource(strings = {"commit.locked", "commit.staged", "commit.previous_deleted", "commit.first_shard_published",
            "commit.shards_published", "commit.manifest_written", "commit.report_written", "commit.success_written", "commit.before_unlock"})
    void should_finish_the_commit_when_the_same_command_runs_again_after_a_kill_9_inside_it(String point) throws Exception {
        Path out = journaledRun("kill9");
        assertEquals(137, ChildRun.run(tmp.resolve("killed.log"), point, args(out)), "the process died at " + point);
        assertResumesToTheUninterruptedDataset(out, "kill -9 at " + point);
    }

    @ParameterizedTest(name = "kill -{0} at {1}")
    @CsvSource({"TERM, commit.staged", "INT, commit.previous_deleted", "TERM, commit.first_shard_published", "INT, commit.manifest_written"})
    void should_finish_the_commit_when_the_same_command_runs_again_after_a_signal_inside_it(String signal, String point) throws Exception {
        Path out = journaledRun("signal");
        ChildRun run = ChildRun.start(tmp.resolve("signalled.log"), point + ":pause", args(out));
        assertTrue(run.awaitOutput("failpoint " + point + " reached"), run.output());
        assertNotEquals(0, run.signal(signal));
        assertResumesToTheUninterruptedDataset(out, "kill -" + signal + " at " + point);
    }

    @Test
    void should_let_trajforge_commit_finish_an_interrupted_commit_release_its_lock_and_log_it() throws Exception {
        Path out = journaledRun("commit-command");
        assertEquals(137, ChildRun.run(tmp.resolve("killed.log"), "commit.first_shard_published", args(out)));
        CliRun commit = CliRun.of("commit", out.toString());
        assertEquals(0, commit.exitCode(), commit.err());
        assertEquals(reference, QuickstartTest.shardHashes(out));
        assertTrue(Files.readString(out.resolve("_trajforge/run-log.jsonl")).contains("\"event\":\"commit\""), "the commit is logged");
        assertEquals(0L, Files.size(out.resolve("_trajforge/commit.lock")), "the lock is released (its owner record cleared)");
    }

    @Test
    void should_finish_a_two_worker_run_whose_last_worker_was_killed_inside_the_commit() throws Exception {
        Path out = tmp.resolve("workers");
        Path log = tmp.resolve("worker.log");
        assertEquals(0, ChildRun.run(log, null, args(out, "--worker", "0/2")), Files.readString(log));
        assertTrue(Files.readString(log).contains("waiting for workers [1]"), Files.readString(log));
        assertEquals(137, ChildRun.run(log, "commit.first_shard_published", args(out, "--worker", "1/2")));
        assertEquals(0, ChildRun.run(log, null, args(out, "--worker", "1/2")), Files.readString(log));
        assertEquals(reference, QuickstartTest.shardHashes(out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void should_resume_exactly_after_a_kill_9_between_an_entry_write_and_its_fsync() throws Exception {
        Path out = tmp.resolve("append");
        assertEquals(137, ChildRun.run(tmp.resolve("killed.log"), "journal.append.before_fsync", args(out)));
        assertResumesToTheUninterruptedDataset(out, "kill -9 before an fsync");
    }

    @ParameterizedTest(name = "kill -{0} while episodes run")
    @ValueSource(strings = {"TERM", "INT"})
    void should_resume_exactly_after_a_signal_while_episodes_run(String signal) throws Exception {
        Path out = tmp.resolve("signal-" + signal);
        ChildRun run = ChildRun.start(tmp.resolve("signalled.log"), "journal.append.before_fsync:pause", args(out));
        assertTrue(run.awaitOutput("failpoint journal.append.before_fsync reached"), run.output());
        assertNotEquals(0, run.signal(signal));
        assertResumesToTheUninterruptedDataset(out, "kill -" + signal + " while episodes run");
    }

    @Test
    void should_finish_a_two_worker_run_whose_worker_was_killed_while_its_episodes_ran() throws Exception {
        Path out = tmp.resolve("workers-mid-run");
        Path log = tmp.resolve("worker.log");
        assertEquals(137, ChildRun.run(log, "journal.append.before_fsync", args(out, "--worker", "0/2")));
        assertEquals(0, ChildRun.run(log, null, args(out, "--worker", "1/2")), Files.readString(log));
        assertTrue(Files.readString(log).contains("waiting for workers [0]"), Files.readString(log));
        assertEquals(0, ChildRun.run(log, null, args(out, "--worker", "0/2")), Files.readString(log));
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }
}
