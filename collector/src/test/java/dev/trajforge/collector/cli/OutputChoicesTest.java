package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format} and {@code --overwrite}: one journal, every format; a committed dataset is never replaced by accident. */
class OutputChoicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path finished;

    @TempDir
    Path tmp;

    @BeforeAll
    static void finishedRun() {
        finished = shared.resolve("finished");
        CliRun run = CliRun.of(ResumeTest.args(finished));
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void should_refuse_to_export_over_a_committed_dataset_unless_overwrite() throws Exception {
        Path copy = tmp.resolve("copy");
        assertEquals(0, CliRun.of("export", finished.toString(), "--out", copy.toString()).exitCode());
        String manifest = Files.readString(copy.resolve("manifest.json"));

        CliRun refused = CliRun.of("export", finished.toString(), "--out", copy.toString(), "--format", "openai-jsonl");

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("_SUCCESS") && refused.err().contains("--overwrite"), refused.err());
        assertEquals(manifest, Files.readString(copy.resolve("manifest.json")), "the committed dataset is untouched");
        CliRun replaced = CliRun.of("export", finished.toString(), "--out", copy.toString(), "--format", "openai-jsonl", "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(List.of("train-00000-of-00001.jsonl", "validation-00000-of-00001.jsonl"), dataFiles(copy));
    }

    @Test
    void should_refuse_to_run_into_another_runs_dataset_unless_overwrite() throws Exception {
        Path other = tmp.resolve("other");
        assertEquals(0, CliRun.of("export", finished.toString(), "--out", other.toString()).exitCode());

        CliRun refused = CliRun.of(ResumeTest.args(other, "--set", "seed=8"));

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.err().startsWith("trajforge: --out: ") && refused.err().contains("_SUCCESS"), "the flag is named: " + refused.err());
        CliRun replaced = CliRun.of(ResumeTest.args(other, "--set", "seed=8", "--overwrite"));
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(8, JSON.readTree(other.resolve("_trajforge/config.json").toFile()).path("seed").asInt());
    }

    @Test
    void should_write_every_format_from_the_same_journal() throws Exception {
        for (String format : List.of("openai-jsonl", "sharegpt", "dpo", "hf-parquet")) {
            Path out = tmp.resolve(format);
            CliRun export = CliRun.of("export", finished.toString(), "--out", out.toString(), "--format", format);
            assertEquals(0, export.exitCode(), format + ": " + export.err());
            JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
            assertEquals(format, manifest.path("format").asText(), manifest.toString());
            assertTrue(Files.exists(out.resolve("_SUCCESS")), format);
            assertTrue(!dataFiles(out).isEmpty(), format);
            CliRun valid = CliRun.of("validate", out.toString());
            assertEquals(0, valid.exitCode(), format + ": " + valid.out() + valid.err());
        }
    }

    @Test
    void should_name_the_flag_for_an_unknown_format() {
        CliRun export = CliRun.of("export", finished.toString(), "--out", tmp.resolve("x").toString(), "--format", "csv");

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, export.exitCode());
        assertTrue(export.err().contains("--format") && export.err().contains("csv"), export.err());
    }

    @Test
    void should_collect_in_the_format_given_on_the_command_line() throws Exception {
        Path out = tmp.resolve("run-sharegpt");
        CliRun run = CliRun.of(ResumeTest.args(out, "--format", "sharegpt"));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("sharegpt", JSON.readTree(out.resolve("manifest.json").toFile()).path("format").asText());
        assertTrue(dataFiles(out).stream().allMatch(name -> name.endsWith(".json")), dataFiles(out).toString());
    }

    private static List<String> dataFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("data"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
