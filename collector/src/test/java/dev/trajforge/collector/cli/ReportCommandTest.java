package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trajforge report DIR [--out FILE] [--sample N]}, the run's {@code report.sample} and the summary's report line. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;
    static CliRun run;

    @BeforeAll
    static void runASmallQuickstartWithASampleOfSix() {
        out = tmp.resolve("qs");
        run = CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", out.toString(), "--quiet", "--set", "tasks=30", "--set", "report.sample=6");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void should_name_the_reports_path_in_the_run_summary() {
        assertTrue(run.out().contains("  report: " + out.toAbsolutePath().resolve("report.html")), run.out());
    }

    @Test
    void should_show_as_many_trajectories_as_report_sample_says_without_changing_the_config_hash() throws Exception {
        assertEquals(6, trajectories(out.resolve("report.html")));
        Path plain = tmp.resolve("plain");
        assertEquals(0, CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", plain.toString(), "--quiet", "--set", "tasks=30").exitCode());
        assertEquals(JSON.readTree(plain.resolve("manifest.json").toFile()).get("config_sha256"),
                JSON.readTree(out.resolve("manifest.json").toFile()).get("config_sha256"), "report.sample changes no row, so not the fingerprint");
    }

    @Test
    void should_write_the_report_again_elsewhere_with_another_sample() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere/report-4.html");
        CliRun report = CliRun.of("report", out.toString(), "--out", elsewhere.toString(), "--sample", "4");
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().startsWith("report: " + elsewhere.toAbsolutePath()), report.out());
        assertEquals(4, trajectories(elsewhere));
        assertTrue(Files.readString(elsewhere).contains("without --keep-rejected"), "says what the shards cannot show");
    }

    @Test
    void should_refuse_with_exit_2_naming_the_directory_and_what_is_missing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-an-export"));
        CliRun none = CliRun.of("report", empty.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains(empty.toString()) && none.err().contains("has no manifest.json: it is not a trajforge export"), none.err());

        CliRun missing = CliRun.of("report", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nowhere does not exist"), missing.err());

        CliRun badSample = CliRun.of("report", out.toString(), "--sample", "-1");
        assertEquals(2, badSample.exitCode());
        assertTrue(badSample.err().contains("--sample: must be in [0, 1000], got -1"), badSample.err());
    }

    @Test
    void should_exit_5_when_the_report_cannot_be_written() {
        CliRun report = CliRun.of("report", out.toString(), "--out", out.resolve("data").toString());
        assertEquals(5, report.exitCode(), report.err());
        assertTrue(report.err().contains("cannot write the report to " + out.resolve("data")), report.err());
    }

    private static int trajectories(Path page) throws Exception {
        String html = Files.readString(page);
        int n = 0;
        for (int at = html.indexOf("<li class=\"trajectory"); at >= 0; at = html.indexOf("<li class=\"trajectory", at + 1)) n++;
        return n;
    }
}
