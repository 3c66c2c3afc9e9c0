package dev.trajforge.collector.cli;

import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportSettings;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default build has no S3A connector (only {@code -Ps3} adds hadoop-aws): an s3a:// output fails
 * at once, naming the output and the profile, without a stack trace. Disabled in a {@code -Ps3} build,
 * where {@link S3aMinioTest} writes to s3a:// instead.
 */
@DisabledIf(value = "dev.trajforge.collector.cli.S3aMinioTest#connectorPresent", disabledReason = "built with -Ps3: the S3A connector is on the class path")
class S3aWithoutConnectorTest {
    private static final String HINT = "build with -Ps3 (hadoop-aws) to use s3a://";

    @TempDir
    Path tmp;

    @Test
    void should_name_the_output_and_the_s3_profile_when_an_export_goes_to_s3a() {
        ExportSettings settings = ExportSettings.of("s3a://bucket/datasets/run1", "run1", "0".repeat(64), 0.1, false);

        ExportException e = assertThrows(ExportException.class, () -> DatasetExport.open(settings, new Configuration()));

        assertTrue(e.getMessage().contains("s3a://bucket/datasets/run1"), e.getMessage());
        assertTrue(e.getMessage().contains(HINT), e.getMessage());
    }

    @Test
    void should_fail_the_export_command_with_the_hint_and_no_stack_trace() {
        Path finished = tmp.resolve("finished");
        assertEquals(0, CliRun.of(ResumeTest.args(finished)).exitCode());

        CliRun export = CliRun.of("export", finished.toString(), "--out", "s3a://bucket/datasets/quickstart");

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, export.exitCode(), export.err());
        assertTrue(export.err().contains("s3a://bucket/datasets/quickstart") && export.err().contains(HINT), export.err());
        assertFalse(export.err().contains("\tat "), "no stack trace: " + export.err());
    }

    @Test
    void should_fail_a_run_into_s3a_with_the_hint_before_any_episode() {
        CliRun run = CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--quiet", "--set", "tasks=5",
                "--out", "s3a://bucket/datasets/quickstart", "--run-dir", tmp.resolve("run").toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("trajforge: --out: ") && run.err().contains(HINT), "the flag is named: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void should_fail_validate_and_inspect_of_s3a_with_the_hint() {
        for (String command : new String[]{"validate", "inspect"}) {
            CliRun cli = CliRun.of(command, "s3a://bucket/datasets/quickstart");

            assertEquals(TrajforgeCli.EXIT_BAD_INPUT, cli.exitCode(), command + ": " + cli.err());
            assertTrue(cli.err().contains(HINT), command + ": " + cli.err());
        }
    }
}
