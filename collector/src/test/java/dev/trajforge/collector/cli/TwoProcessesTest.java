package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same command started twice (a retried pod overlapping its predecessor): the second process is
 * refused at once, naming the holder, and the first finishes; a holder that died is taken over.
 */
class TwoProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void should_refuse_a_second_process_on_a_running_worker_naming_the_holder_and_let_the_first_finish() throws Exception {
        Path out = tmp.resolve("twice");
        Path release = tmp.resolve("release");
        // the first process is held inside its first journal append (worker lock taken, episodes running) until released
        ChildRun first = ChildRun.start(tmp.resolve("first.log"), "journal.append.before_fsync:await:" + release, ResumeTest.args(out));
        assertTrue(first.awaitOutput("failpoint journal.append.before_fsync reached"), first.output());

        Path secondLog = tmp.resolve("second.log");
        int second = ChildRun.run(secondLog, null, ResumeTest.args(out));

        assertEquals(TrajforgeCli.EXIT_LOCKED, second, Files.readString(secondLog));
        assertTrue(Files.readString(secondLog).contains("worker 0/1 of this run is held by pid " + first.pid()), Files.readString(secondLog));
        assertTrue(first.alive(), "the first process is untouched");
        Files.createFile(release);
        assertEquals(0, first.waitFor(120), first.output());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void should_take_over_the_worker_of_a_process_that_died_without_any_cleanup() throws Exception {
        Path out = tmp.resolve("dead");
        ChildRun holder = ChildRun.start(tmp.resolve("holder.log"), "journal.append.before_fsync:pause", ResumeTest.args(out));
        assertTrue(holder.awaitOutput("failpoint journal.append.before_fsync reached"), holder.output());
        holder.signal("KILL");
        assertTrue(Files.size(out.resolve("_trajforge/journal-0-of-1.lock")) > 0, "the dead holder's owner record is still there");

        Path log = tmp.resolve("after.log");
        assertEquals(0, ChildRun.run(log, null, ResumeTest.args(out)), Files.readString(log));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }
}
