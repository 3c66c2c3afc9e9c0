package dev.trajforge.collector.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator does to a run directory by hand or by accident — damages journal lines, deletes
 * {@code config.json} or a done marker, commits from another directory, asks a finished run for its
 * rejected split — and what the run does about it.
 */
class RunRecoveryTest {
    @TempDir
    static Path shared;
    static Map<String, String> reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        Path out = shared.resolve("reference");
        CliRun run = CliRun.of(ResumeTest.args(out));
        assertEquals(0, run.exitCode(), run.err());
        reference = QuickstartTest.shardHashes(out);
    }

    private static Path journal(Path out) {
        return out.resolve("_trajforge/journal-0-of-1.jsonl");
    }

    @Test
    void should_set_damaged_journal_lines_aside_name_them_and_run_their_episodes_again() throws Exception {
        Path out = tmp.resolve("damaged");
        assertEquals(0, CliRun.of(ResumeTest.args(out)).exitCode());
        Files.delete(out.resolve("_SUCCESS"));
        List<String> lines = new ArrayList<>(Files.readAllLines(journal(out)));
        lines.set(3, lines.get(3).replaceFirst("^(\\d+)\t", "1x$1\t"));                        // NumberFormatException before
        lines.set(5, lines.get(5).replaceFirst("\t(accepted|rejected)\t", "\tACCEPTED!\t"));     // "No enum constant" before
        lines.set(7, lines.get(7).replace("\"trial\":", "\"trial\" :"));                          // JSON edited: the checksum catches it
        lines.set(9, lines.get(9).substring(0, 40));                                              // truncated in the middle
        Files.write(journal(out), lines);

        CliRun resumed = CliRun.of(ResumeTest.args(out));

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(resumed.err().contains("\tat "), "no stack trace: " + resumed.err());
        for (int line : new int[] {4, 6, 8, 10}) {
            assertTrue(resumed.err().contains("journal-0-of-1.jsonl line " + line + ": "), "line " + line + " is named: " + resumed.err());
        }
        assertTrue(resumed.out().contains("resumed: 4 run now"), resumed.out());
        assertEquals(reference, QuickstartTest.shardHashes(out));
        assertEquals(4, Files.readAllLines(out.resolve("_trajforge/damaged/journal-0-of-1.jsonl")).size(), "the damaged lines are kept");
    }

    @Test
    void should_refuse_another_config_even_when_config_json_was_deleted() throws Exception {
        Path out = tmp.resolve("no-config");
        assertEquals(TrajforgeCli.EXIT_BUDGET, CliRun.of(ResumeTest.args(out, "--set", "budget.maxEpisodes=30")).exitCode());
        Files.delete(out.resolve("_trajforge/config.json"));

        CliRun other = CliRun.of(ResumeTest.args(out, "--set", "seed=8"));

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, other.exitCode(), other.err() + other.out());
        assertTrue(other.err().contains("journal-0-of-1.jsonl was written under config") && other.err().contains("changed: seed"), other.err());
        CliRun same = CliRun.of(ResumeTest.args(out));
        assertEquals(0, same.exitCode(), same.err());
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }

    @Test
    void should_commit_to_the_output_the_run_was_given_from_any_working_directory() throws Exception {
        Path base = tmp.resolve("base");
        Path out = base.resolve("relative-out");
        // the run gets a relative output; the commit is started with the run directory's absolute path from elsewhere
        String relative = Path.of("").toAbsolutePath().relativize(out.toAbsolutePath()).toString();
        assertEquals(0, CliRun.of(ResumeTest.args(Path.of(relative), "--worker", "0/2")).exitCode());
        assertEquals(0, CliRun.of(ResumeTest.args(Path.of(relative), "--worker", "1/2")).exitCode());
        Files.delete(out.resolve("_SUCCESS"));
        String stored = Files.readString(out.resolve("_trajforge/config.json"));
        assertTrue(stored.contains("\"output\":\"" + out.toAbsolutePath()), "the output is stored absolute: " + stored);

        CliRun commit = CliRun.of("commit", out.resolve("_trajforge").toAbsolutePath().toString());

        assertEquals(0, commit.exitCode(), commit.err());
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }

    @Test
    void should_restore_a_deleted_done_marker_so_commit_accepts_a_complete_run() throws Exception {
        Path out = tmp.resolve("done-marker");
        assertEquals(0, CliRun.of(ResumeTest.args(out)).exitCode());
        Files.delete(out.resolve("_trajforge/done-0-of-1"));
        Files.delete(out.resolve("_SUCCESS"));

        CliRun commit = CliRun.of("commit", out.toString());

        assertEquals(0, commit.exitCode(), commit.err());
        assertTrue(Files.exists(out.resolve("_trajforge/done-0-of-1")));
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }

    @Test
    void should_add_the_rejected_split_when_a_finished_run_is_asked_for_it_by_run_or_by_export() throws Exception {
        Path out = tmp.resolve("keep-rejected");
        assertEquals(0, CliRun.of(ResumeTest.args(out)).exitCode());

        CliRun again = CliRun.of(ResumeTest.args(out, "--keep-rejected"));

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.exists(out.resolve("data/rejected-00000-of-00001.parquet")), again.out());
        Path copy = tmp.resolve("keep-rejected-copy");
        CliRun export = CliRun.of("export", out.toString(), "--out", copy.toString(), "--keep-rejected");
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.exists(copy.resolve("data/rejected-00000-of-00001.parquet")));
        assertTrue(export.out().contains("written from the journal") && export.out().contains("none run now"), export.out());
    }

    @Test
    void should_point_a_finished_run_asked_for_another_format_to_export() throws Exception {
        Path out = tmp.resolve("format");
        assertEquals(0, CliRun.of(ResumeTest.args(out)).exitCode());

        CliRun again = CliRun.of(ResumeTest.args(out, "--format", "openai-jsonl"));

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, again.exitCode(), again.err());
        assertTrue(again.err().contains("trajforge export") && again.err().contains("--format openai-jsonl"), again.err());
    }

    @Test
    void should_say_where_an_output_directory_cannot_be_created_instead_of_mkdirs_returned_false() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc, where nothing can be created");

        CliRun run = CliRun.of(ResumeTest.args(Path.of("/proc/trajforge-out")));

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("trajforge: --out: ") && run.err().contains("cannot create the directory under file:/proc"), run.err());
        assertFalse(run.err().contains("mkdirs returned false"), run.err());
    }
}
