package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resume, workers, budgets and re-export: every path to a dataset gives the same bytes as one uninterrupted run. */
class ResumeTest {
    private static final String[] SMALL = {"--quiet", "--set", "tasks=60", "--set", "trials=2"};

    @TempDir
    static Path shared;
    static Map<String, String> reference;

    @TempDir
    Path tmp;

    static String[] args(Path out, String... more) {
        String[] base = {"run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString()};
        String[] all = new String[base.length + SMALL.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(SMALL, 0, all, base.length, SMALL.length);
        System.arraycopy(more, 0, all, base.length + SMALL.length, more.length);
        return all;
    }

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        Path out = shared.resolve("reference");
        CliRun run = CliRun.of(args(out));
        assertEquals(0, run.exitCode(), run.err());
        reference = QuickstartTest.shardHashes(out);
    }

    @Test
    void should_change_nothing_and_exit_0_when_a_finished_run_is_run_again() throws Exception {
        Path out = tmp.resolve("again");
        assertEquals(0, CliRun.of(args(out)).exitCode());
        String manifest = Files.readString(out.resolve("manifest.json"));
        long journalSize = Files.size(out.resolve("_trajforge/journal-0-of-1.jsonl"));
        CliRun again = CliRun.of(args(out));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already complete"), again.out());
        assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
        assertEquals(journalSize, Files.size(out.resolve("_trajforge/journal-0-of-1.jsonl")));
    }

    @Test
    void should_stop_at_a_budget_with_exit_4_and_resume_to_the_same_dataset() throws Exception {
        Path out = tmp.resolve("budget");
        CliRun stopped = CliRun.of(args(out, "--set", "budget.maxEpisodes=50"));
        assertEquals(TrajforgeCli.EXIT_BUDGET, stopped.exitCode(), stopped.err() + stopped.out());
        assertTrue(stopped.out().contains("maxEpisodes 50"), stopped.out());
        assertTrue(Files.notExists(out.resolve("_SUCCESS")));
        assertEquals(50, Files.readAllLines(out.resolve("_trajforge/journal-0-of-1.jsonl")).stream().filter(line -> !line.startsWith("#")).count());
        CliRun resumed = CliRun.of(args(out));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed: 70 run now"), resumed.out());
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }

    @Test
    void should_refuse_a_changed_config_listing_the_changed_keys_unless_forced() throws Exception {
        Path out = tmp.resolve("changed");
        assertEquals(TrajforgeCli.EXIT_BUDGET, CliRun.of(args(out, "--set", "budget.maxEpisodes=10")).exitCode());
        CliRun refused = CliRun.of(args(out, "--set", "seed=8", "--set", "maxTurns=20"));
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("changed: maxTurns, seed"), refused.err());
        CliRun forced = CliRun.of(args(out, "--set", "seed=8", "--set", "maxTurns=20", "--force-config"));
        assertEquals(0, forced.exitCode(), forced.err());
    }

    @Test
    void should_let_two_workers_share_a_run_and_commit_the_same_dataset_as_one() throws Exception {
        Path out = tmp.resolve("workers");
        CliRun first = CliRun.of(args(out, "--worker", "0/2"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("waiting for workers [1]"), first.out());
        CliRun early = CliRun.of("commit", out.toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, early.exitCode(), "worker 1 has not finished");
        CliRun second = CliRun.of(args(out, "--worker", "1/2"));
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(reference, QuickstartTest.shardHashes(out), "the last worker to finish committed the union");
        CliRun commit = CliRun.of("commit", out.toString());
        assertEquals(0, commit.exitCode(), commit.err());
        assertEquals(reference, QuickstartTest.shardHashes(out));
    }

    @Test
    void should_re_export_from_the_journal_to_another_location() throws Exception {
        Path copy = tmp.resolve("copy");
        CliRun export = CliRun.of("export", shared.resolve("reference").toString(), "--out", copy.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(reference, QuickstartTest.shardHashes(copy));
        assertTrue(new ObjectMapper().readTree(copy.resolve("manifest.json").toFile()).get("accepted").asLong() > 0);
    }

    @Test
    void should_report_pass_at_k_per_domain_and_intent_in_the_manifest() throws Exception {
        var metrics = new ObjectMapper().readTree(shared.resolve("reference/manifest.json").toFile()).get("metrics").get("pass_at_k");
        double passAt1 = metrics.at("/domain:retail/pass@1").asDouble();
        double passAt2 = metrics.at("/domain:retail/pass@2").asDouble();
        double passHat2 = metrics.at("/domain:retail/pass^2").asDouble();
        assertTrue(passHat2 <= passAt1 && passAt1 <= passAt2, metrics.toString());
        assertTrue(metrics.has("intent:cancel"), metrics.toString());
    }
}
