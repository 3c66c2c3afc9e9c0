package dev.trajforge.collector.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real run (a child JVM) at moments chosen by watching its journal grow, then resume with
 * the same command: the accepted set and the Parquet files equal an uninterrupted run's. The commit's
 * steps are too quick to hit by watching; {@link CommitInterruptionTest} kills the process at each of
 * them for certain, through fail points.
 */
class KillTest {
    @TempDir
    static Path tmp;
    static Map<String, String> reference;
    static long fullJournal;

    private static Process start(Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName()));
        command.addAll(List.of(ResumeTest.args(out)));
        command.addAll(List.of("--set", "tasks=150"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(out.getFileName() + ".log").toFile()).start();
    }

    @BeforeAll
    static void uninterrupted() throws Exception {
        Path out = tmp.resolve("reference");
        Process run = start(out);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), Files.readString(tmp.resolve("reference.log")));
        reference = QuickstartTest.shardHashes(out);
        fullJournal = Files.size(out.resolve("_trajforge/journal-0-of-1.jsonl"));
    }

    private static void killWhen(Path out, String what, java.util.function.BooleanSupplier moment) throws Exception {
        Process run = start(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!moment.getAsBoolean() && run.isAlive() && System.nanoTime() < deadline) Thread.onSpinWait();
        run.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        run.waitFor();
        assertTrue(Files.notExists(out.resolve("_SUCCESS")), what + ": the kill came after the run had finished; it proves nothing");
        Process resumed = start(out);
        assertTrue(resumed.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, resumed.exitValue(), what + ": " + Files.readString(tmp.resolve(out.getFileName() + ".log")));
        assertEquals(reference, QuickstartTest.shardHashes(out), "killed " + what + ", then resumed");
    }

    /** Bytes journaled so far. */
    private static long journalBytes(Path out) {
        try {
            Path journal = out.resolve("_trajforge/journal-0-of-1.jsonl");
            return Files.exists(journal) ? Files.size(journal) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void should_resume_exactly_after_kill_9_early_in_the_run() throws Exception {
        Path out = tmp.resolve("early");
        killWhen(out, "after the first episodes", () -> journalBytes(out) > fullJournal / 20);
    }

    @Test
    void should_resume_exactly_after_kill_9_late_in_the_run() throws Exception {
        Path out = tmp.resolve("late");
        killWhen(out, "late in the run", () -> journalBytes(out) > fullJournal * 7 / 10);
    }
}
