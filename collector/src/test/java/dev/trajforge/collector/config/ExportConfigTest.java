package dev.trajforge.collector.config;

import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.ExportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code export:} block: defaults, validation, the exporter settings it maps to, and the fingerprint. */
class ExportConfigTest {
    private static final String MINIMAL = """
            runId: t1
            domain: retail
            tasks: 10
            output: out/t1
            """;

    @TempDir
    Path dir;

    @Test
    void should_default_to_hf_parquet_with_exact_and_near_dedup_at_0_9() throws IOException {
        RunConfig.Export export = load(write(MINIMAL)).config().export();

        assertEquals(new RunConfig.Export("hf-parquet", true, true, 0.9), export);
        assertEquals(ExportFormat.HF_PARQUET, export.exportFormat());
        assertEquals(Dedup.DEFAULT, export.deduplication());
    }

    @Test
    void should_read_the_block_and_map_it_to_the_exporter() throws IOException {
        RunConfig.Export export = load(write(MINIMAL + """
                export: {format: sharegpt, nearDuplicateThreshold: 0.8}
                """)).config().export();

        assertEquals(ExportFormat.SHAREGPT, export.exportFormat());
        assertEquals(new Dedup(true, true, 0.8), export.deduplication());
        assertEquals(ExportFormat.DPO, load(write(MINIMAL), "export.format=dpo").config().export().exportFormat());
    }

    @Test
    void should_turn_near_dedup_off_with_near_duplicates_false_or_threshold_1_and_all_dedup_off_with_dedup_false() throws IOException {
        Path file = write(MINIMAL);

        assertEquals(Dedup.exactOnly(), load(file, "export.nearDuplicates=false").config().export().deduplication());
        assertFalse(load(file, "export.nearDuplicateThreshold=1").config().export().deduplication().near());
        assertEquals(Dedup.OFF, load(file, "export.dedup=false").config().export().deduplication());
    }

    @Test
    void should_name_the_key_and_the_known_formats_for_an_unknown_format() throws IOException {
        Path file = write(MINIMAL + "export:\n  format: jsonl\n");

        assertEquals("config " + file + ": key 'export.format': unknown format 'jsonl'; known formats: hf-parquet, openai-jsonl, sharegpt, dpo",
                failure(file));
        assertEquals("--set export.format=ShareGPT: unknown format 'ShareGPT' (did you mean 'sharegpt'?); known formats: hf-parquet, openai-jsonl, sharegpt, dpo",
                failure(write(MINIMAL), "export.format=ShareGPT"));
    }

    @Test
    void should_reject_a_threshold_outside_its_range_and_unknown_keys() throws IOException {
        assertEquals("--set export.nearDuplicateThreshold=0.3: must be in [0.5, 1], got 0.3",
                failure(write(MINIMAL), "export.nearDuplicateThreshold=0.3"));
        assertEquals("--set export.dedup=yes please: expected true or false, got \"yes please\"", failure(write(MINIMAL), "export.dedup=yes please"));
        String unknown = failure(write(MINIMAL), "export.fromat=dpo");
        assertEquals("--set export.fromat=dpo: unknown key 'export.fromat' (did you mean 'format'? valid keys under 'export': "
                + "dedup, format, nearDuplicateThreshold, nearDuplicates)", unknown);
    }

    @Test
    void should_change_the_fingerprint_with_format_and_dedup_but_not_when_defaults_are_written_out() throws IOException {
        Path file = write(MINIMAL);
        String plain = load(file).sha256();

        assertEquals(plain, load(write("explicit.yaml", MINIMAL + """
                export:
                  format: hf-parquet
                  dedup: true
                  nearDuplicates: true
                  nearDuplicateThreshold: 0.9
                """)).sha256());
        for (String override : List.of("export.format=openai-jsonl", "export.dedup=false", "export.nearDuplicates=false",
                "export.nearDuplicateThreshold=0.95")) {
            assertNotEquals(plain, load(file, override).sha256(), override);
        }
    }

    private Path write(String yaml) throws IOException {
        return write("run.yaml", yaml);
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static LoadedConfig load(Path file, String... overrides) {
        return ConfigLoader.load(file, List.of(overrides));
    }

    private static String failure(Path file, String... overrides) {
        return assertThrows(ConfigException.class, () -> load(file, overrides)).getMessage();
    }
}
