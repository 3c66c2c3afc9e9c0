package dev.trajforge.collector.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full disk: a small tmpfs mounted under the test's directory (Linux, where this process may
 * mount, as root in CI containers; skipped with the reason elsewhere). The run stops at the first
 * journal write that fails, says so in one line with exit 5, and the same command finishes the run once
 * there is space; an export onto a full disk leaves the dataset that was there intact and no staging behind.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    private Path mounted;

    private Path mountTmpfs(String name, String size) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()).redirectErrorStream(true).start();
        boolean ended = mount.waitFor(20, TimeUnit.SECONDS);
        String why = new String(mount.getInputStream().readAllBytes()).trim();
        assumeTrue(ended && mount.exitValue() == 0, "cannot mount a small tmpfs here (needs Linux and permission to mount): " + why);
        mounted = dir;
        return dir;
    }

    private static void sh(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }

    @Test
    void should_stop_at_the_first_journal_write_that_fails_say_why_in_one_line_and_resume_once_there_is_space() throws Exception {
        Path reference = tmp.resolve("reference");
        String[] config = {"--set", "tasks=400", "--set", "concurrency=4"};
        assertEquals(0, CliRun.of(ResumeTest.args(reference, config)).exitCode());
        Path disk = mountTmpfs("disk", "1m");
        Path out = tmp.resolve("out");
        String[] command = ResumeTest.args(out, concat(config, "--run-dir", disk.resolve("run").toString()));

        Path log = tmp.resolve("full.log");
        int status = ChildRun.run(log, null, command);

        String said = Files.readString(log).strip();
        assertEquals(TrajforgeCli.EXIT_CANNOT_WRITE, status, said);
        assertEquals(1, said.lines().filter(line -> line.startsWith("trajforge: ")).count(), said);
        assertTrue(said.contains("cannot write the run journal " + disk.resolve("run/journal-0-of-1.jsonl")) && said.contains("No space left on device"), said);
        assertFalse(said.contains("\tat "), "no stack trace: " + said);
        long journaled = Files.readAllLines(disk.resolve("run/journal-0-of-1.jsonl")).stream().filter(l -> !l.startsWith("#")).count();
        assertTrue(journaled < 400, "the disk filled before the run ended (" + journaled + " journaled)");
        assertTrue(Files.notExists(out.resolve("_SUCCESS")));

        sh("mount", "-o", "remount,size=64m", disk.toString());
        int resumed = ChildRun.run(log, null, command);

        assertEquals(0, resumed, Files.readString(log));
        assertEquals(QuickstartTest.shardHashes(reference), QuickstartTest.shardHashes(out));
    }

    @Test
    void should_keep_the_dataset_that_was_there_and_leave_no_staging_when_an_export_fills_the_disk() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of(ResumeTest.args(run)).exitCode());
        Path disk = mountTmpfs("output", "2m");
        Path out = disk.resolve("dataset");
        assertEquals(0, CliRun.of("export", run.toString(), "--out", out.toString()).exitCode());
        // the new export needs about 500 KB staged: leaving less free space makes it fail while writing rows, while
        // closing a shard (parquet-java wraps Hadoop's FSError there) or while staging a later shard
        for (int freeKiB : new int[] {4, 60, 250}) {
            Path filler = disk.resolve("filler");
            Files.deleteIfExists(filler);
            long free = Files.getFileStore(disk).getUsableSpace();
            try (var out2 = Files.newOutputStream(filler)) {
                out2.write(new byte[(int) Math.max(0, free - freeKiB * 1024L)]);
            }

            CliRun full = CliRun.of("export", run.toString(), "--out", out.toString(), "--keep-rejected", "--overwrite");

            String what = freeKiB + " KiB free: ";
            assertEquals(TrajforgeCli.EXIT_CANNOT_WRITE, full.exitCode(), what + full.err() + full.out());
            assertEquals(1, full.err().strip().lines().count(), what + full.err());
            assertTrue(full.err().contains("No space left on device"), what + full.err());
            assertFalse(Files.exists(out.resolve("_temporary")), what + "no staging is left behind");
            CliRun validate = CliRun.of("validate", out.toString());
            assertEquals(0, validate.exitCode(), what + "the dataset that was there is intact: " + validate.out() + validate.err());
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
