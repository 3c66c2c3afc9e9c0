package dev.trajforge.collector.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trajforge validate} and {@code trajforge inspect} on a real quickstart export: output and exit codes. */
class ValidateCommandTest {
    @TempDir
    static Path tmp;
    static Path export;

    @TempDir
    Path dir;

    @BeforeAll
    static void runQuickstart() {
        export = tmp.resolve("qs");
        CliRun run = CliRun.of("run", QuickstartTest.QUICKSTART.toString(), "--out", export.toString(), "--set", "tasks=6", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void should_print_ok_and_exit_0_for_the_quickstart_export() {
        CliRun run = CliRun.of("validate", export.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().matches("OK: 2 files, \\d+ rows, all rules pass\\R"), run.out());
    }

    @Test
    void should_print_each_violation_as_file_row_rule_message_and_exit_1() throws IOException {
        Path broken = copy(export, dir.resolve("broken"));
        Files.delete(broken.resolve("_SUCCESS"));
        Path shard = broken.resolve("data/train-00000-of-00001.parquet");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 0x55; // the middle of the data: the hash must tell
        Files.write(shard, bytes);

        CliRun run = CliRun.of("validate", broken.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("_SUCCESS: success_marker: missing"), run.out());
        assertTrue(run.out().contains("data/train-00000-of-00001.parquet: manifest_files: SHA-256 is "), run.out());
        assertTrue(run.out().lines().toList().getLast().startsWith("FAILED: "), run.out());
    }

    @Test
    void should_exit_2_when_the_directory_cannot_be_read() {
        CliRun run = CliRun.of("validate", dir.resolve("no-such-export").toString());

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void should_inspect_an_export_and_one_shard() {
        CliRun all = CliRun.of("inspect", export.toString());
        CliRun shard = CliRun.of("inspect", export.resolve("data/train-00000-of-00001.parquet").toString(), "--row", "1");

        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("schema (32 columns):") && all.out().contains("splits:") && all.out().contains("domains:")
                && all.out().contains("0] system"), all.out());
        assertEquals(0, shard.exitCode(), shard.err());
        assertTrue(shard.out().contains("row 1:") && shard.out().contains("] user"), shard.out());
    }

    @Test
    void should_exit_2_for_a_row_out_of_range_or_a_missing_path() {
        assertEquals(2, CliRun.of("inspect", export.toString(), "--row", "100000").exitCode());
        assertEquals(2, CliRun.of("inspect", dir.resolve("nothing").toString()).exitCode());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
