package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** manifest.json and README.md. */
class ManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void should_count_every_episode_exactly_once() throws IOException {
        Path out = dir.resolve("out");
        List<ExportRecord> records = Fixtures.run(12, 3);
        Fixtures.export(Fixtures.settings(out, true).withSizes(4_000, 1 << 20), records);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());

        Map<String, Long> firstReasons = new TreeMap<>();
        records.stream().filter(r -> r.status() == RecordStatus.REJECTED)
                .forEach(r -> firstReasons.merge(r.rejectReasons().getFirst(), 1L, Long::sum));
        long accepted = records.stream().filter(r -> r.status() == RecordStatus.ACCEPTED).count();
        long infra = records.stream().filter(r -> r.status() == RecordStatus.INFRA_FAILED).count();

        assertEquals(records.size(), manifest.get("episodes").asLong());
        assertEquals(accepted, manifest.get("accepted").asLong());
        assertEquals(infra, manifest.get("infra_failed").asLong());
        assertEquals(firstReasons, JSON.convertValue(manifest.get("rejected"), new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() { }));
        long rejected = 0;
        for (JsonNode count : manifest.get("rejected")) {
            rejected += count.asLong();
        }
        assertEquals(manifest.get("episodes").asLong(), accepted + rejected + infra);

        long trainAndValidationRows = 0;
        Map<String, Long> rowsPerSplit = new TreeMap<>();
        for (JsonNode file : manifest.get("files")) {
            String split = file.get("path").asText().replaceAll("^data/(\\w+)-.*", "$1");
            rowsPerSplit.merge(split, file.get("rows").asLong(), Long::sum);
            if (!split.equals("rejected")) {
                trainAndValidationRows += file.get("rows").asLong();
            }
        }
        assertEquals(accepted, trainAndValidationRows);
        assertEquals(rowsPerSplit, JSON.convertValue(manifest.get("splits"), new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Long>>() { }));
    }

    @Test
    void should_record_the_size_and_sha256_of_every_published_file() throws IOException {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, true).withSizes(4_000, 1 << 20), Fixtures.run(12, 3));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());

        List<String> listed = new ArrayList<>();
        for (JsonNode file : manifest.get("files")) {
            Path path = out.resolve(file.get("path").asText());
            listed.add(path.getFileName().toString());
            byte[] bytes = Files.readAllBytes(path);
            assertEquals(bytes.length, file.get("bytes").asLong(), path.toString());
            assertEquals(Hashing.sha256Hex(bytes), file.get("sha256").asText(), path.toString());
        }
        assertEquals(ExportLayoutTest.list(out.resolve("data")), listed);
    }

    @Test
    void should_write_the_contract_keys_in_order_with_created_at_from_the_caller() throws IOException {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), Fixtures.run(4, 2));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());

        List<String> keys = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("schema_version", "run_id", "config_sha256", "created_at", "episodes", "accepted", "rejected",
                "infra_failed", "splits", "files", "usage", "usage_per_accepted", "models", "prompts_sha256", "metrics", "format", "dedup"), keys);
        assertEquals("hf-parquet", manifest.get("format").asText());
        assertFalse(manifest.get("dedup").get("exact").asBoolean());
        assertTrue(manifest.get("dedup").get("near_duplicate_threshold").isNull());
        assertEquals(6, manifest.get("schema_version").asInt());
        assertEquals(Fixtures.RUN_ID, manifest.get("run_id").asText());
        assertEquals(Fixtures.CONFIG_SHA256, manifest.get("config_sha256").asText());
        assertEquals("2026-11-23T18:00:00Z", manifest.get("created_at").asText());
        assertEquals(List.of("train", "validation"), names(manifest.get("splits")));
        assertEquals(List.of("agent", "user"), names(manifest.get("usage")));
        assertEquals(List.of("calls", "prompt_tokens", "cached_prompt_tokens", "completion_tokens", "cost_usd"), names(manifest.get("usage").get("agent")));
        assertEquals(0.25, manifest.get("usage").get("agent").get("cost_usd").asDouble());
        String text = Files.readString(out.resolve("manifest.json"));
        assertTrue(text.contains("\"run_id\": \"test-run\""), text);
        assertFalse(text.contains("\r"));
    }

    @Test
    void should_write_a_dataset_card_whose_configs_list_only_splits_with_files() throws IOException {
        Path out = dir.resolve("out");
        ExportSettings noValidation = ExportSettings.of(out.toString(), Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.0, false);
        ExportResult result = Fixtures.export(noValidation, Fixtures.run(6, 2));
        String card = Files.readString(out.resolve("README.md"));

        assertTrue(card.startsWith("""
                ---
                configs:
                - config_name: default
                  data_files:
                  - split: train
                    path: data/train-*
                """), card);
        String frontMatter = card.substring(0, card.indexOf("---", 3));
        assertFalse(frontMatter.contains("validation"), frontMatter);
        assertFalse(frontMatter.contains("rejected"), frontMatter);
        assertTrue(card.contains("| train | " + result.accepted() + " | 1 |"), card);
        assertTrue(card.contains("load_dataset(\"parquet\""), card);
        assertTrue(card.contains("read_parquet("), card);
        result.rejected().forEach((reason, count) -> assertTrue(card.contains("| rejected: " + reason + " | " + count + " |"), card));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
