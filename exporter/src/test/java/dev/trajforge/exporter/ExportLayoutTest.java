package dev.trajforge.exporter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory layout of a committed export. */
class ExportLayoutTest {
    private static final Pattern NAME = Pattern.compile("^(train|validation|rejected)-(\\d{5})-of-(\\d{5})\\.parquet$");

    @TempDir
    Path dir;

    @Test
    void should_publish_hugging_face_named_shards_and_success_and_remove_temporary() throws IOException {
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true), Fixtures.run(12, 3));

        assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
        assertEquals(0, Files.size(out.resolve("_SUCCESS")));
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("README.md")));
        assertFalse(Files.exists(out.resolve("_temporary")));
        assertEquals(Set.of("_SUCCESS", "manifest.json", "README.md", "report.html", "data"), list(out).stream().collect(Collectors.toSet()));
        assertNamesConsistent(list(out.resolve("data")));
        assertEquals(Set.of("train", "validation", "rejected"),
                result.files().stream().map(ExportResult.ShardFile::split).collect(Collectors.toSet()));
        assertEquals(out.toUri().getPath().replaceAll("/$", ""), result.outputUri().getPath());
        assertEquals("file", result.outputUri().getScheme());
    }

    @Test
    void should_roll_to_a_new_shard_when_the_target_size_is_reached() {
        Path out = dir.resolve("out");
        ExportSettings tiny = Fixtures.settings(out, true).withSizes(3_000, 1 << 20);
        ExportResult result = Fixtures.export(tiny, Fixtures.run(12, 3));

        List<String> names = list(out.resolve("data"));
        assertNamesConsistent(names);
        assertTrue(names.stream().filter(n -> n.startsWith("train-")).count() > 2, names.toString());
        assertEquals(result.files().size(), names.size());
        long rows = Long.parseLong(DuckDb.strings("SELECT count(*) FROM read_parquet('" + out + "/data/train-*.parquet')").getFirst());
        assertEquals(result.splits().get("train"), rows);
        assertEquals(rows, result.files().stream().filter(f -> f.split().equals("train")).mapToLong(ExportResult.ShardFile::rows).sum());
    }

    @Test
    void should_not_write_a_rejected_split_unless_asked() {
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, false), Fixtures.run(12, 3));

        assertTrue(result.rejectedTotal() > 0);
        assertFalse(list(out.resolve("data")).stream().anyMatch(n -> n.startsWith("rejected-")));
        assertFalse(result.splits().containsKey("rejected"));
    }

    @Test
    void should_write_rejected_rows_with_reward_zero_and_their_reasons_when_kept() {
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true), Fixtures.run(12, 3));

        List<String> rows = DuckDb.strings("SELECT reward || ' ' || reject_reasons[1] || ' ' || len(reject_reasons) FROM read_parquet('"
                + out + "/data/rejected-*.parquet')");
        assertEquals(result.rejectedTotal(), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.matches("0\\.0 (final_state_mismatch|info_not_communicated) 2")), rows.toString());
    }

    @Test
    void should_put_all_trials_of_a_task_into_one_split() {
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, false), Fixtures.run(40, 4));

        assertTrue(result.splits().get("train") > 0 && result.splits().get("validation") > 0, result.splits().toString());
        List<String> leaking = DuckDb.strings("""
                SELECT task_id FROM read_parquet('%s/data/*.parquet', filename = true)
                GROUP BY task_id HAVING count(DISTINCT regexp_extract(filename, '(train|validation)-', 1)) > 1""".formatted(out));
        assertEquals(List.of(), leaking);
        for (String task : DuckDb.strings("SELECT DISTINCT task_id FROM read_parquet('" + out + "/data/validation-*.parquet')")) {
            assertEquals("validation", new SplitAssigner(0.3).splitOf(task));
        }
    }

    @Test
    void should_count_infra_failures_without_writing_them() {
        Path out = dir.resolve("out");
        List<ExportRecord> records = Fixtures.run(12, 3);
        ExportResult result = Fixtures.export(Fixtures.settings(out, true), records);

        List<String> failedIds = records.stream().filter(r -> r.status() == RecordStatus.INFRA_FAILED)
                .map(r -> r.trajectory().id()).toList();
        assertEquals(failedIds.size(), result.infraFailed());
        assertTrue(result.infraFailed() > 0);
        List<String> written = DuckDb.strings("SELECT id FROM read_parquet('" + out + "/data/*.parquet')");
        assertEquals(result.accepted() + result.rejectedTotal(), written.size());
        assertTrue(failedIds.stream().noneMatch(written::contains));
    }

    @Test
    void should_refuse_an_output_holding_a_committed_dataset_unless_overwriting() throws IOException {
        Path out = dir.resolve("out");
        ExportResult first = Fixtures.export(Fixtures.settings(out, false), Fixtures.run(6, 2));
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));

        ExportException refused = assertThrows(ExportException.class, () -> DatasetExport.open(Fixtures.settings(out, false), Fixtures.conf()));

        assertTrue(refused.getMessage().contains(out.toString()) && refused.getMessage().contains("_SUCCESS")
                && refused.getMessage().contains("--overwrite"), refused.getMessage());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_temporary")), "a refused export stages nothing");
        assertEquals(first.files().size(), list(out.resolve("data")).size());
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")));
    }

    @Test
    void should_replace_a_previous_export_in_the_same_directory() {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, true).withSizes(2_000, 1 << 20), Fixtures.run(12, 3));
        assertTrue(list(out.resolve("data")).size() > 6);

        ExportResult second = Fixtures.export(Fixtures.settings(out, false).withOverwrite(true), Fixtures.run(4, 1));

        assertEquals(second.files().stream().map(f -> f.path().substring("data/".length())).sorted().toList(), list(out.resolve("data")));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_temporary")));
        long rows = Long.parseLong(DuckDb.strings("SELECT count(*) FROM read_parquet('" + out + "/data/*.parquet')").getFirst());
        assertEquals(second.accepted(), rows);
    }

    @Test
    void should_accept_a_file_uri_as_output() {
        Path out = dir.resolve("by uri");
        ExportSettings settings = ExportSettings.of(out.toUri().toString(), Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.3, false);
        ExportResult result = Fixtures.export(settings, Fixtures.run(3, 1));

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(result.files().size(), list(out.resolve("data")).size());
    }

    /** Every name follows the pattern, indices run 0..count-1 and every file of a split states the same count. */
    private static void assertNamesConsistent(List<String> names) {
        Map<String, List<Matcher>> bySplit = names.stream().map(NAME::matcher)
                .peek(m -> assertTrue(m.matches(), m.toString()))
                .collect(Collectors.groupingBy(m -> m.group(1)));
        bySplit.forEach((split, files) -> {
            for (int i = 0; i < files.size(); i++) {
                assertEquals(i, Integer.parseInt(files.get(i).group(2)), split);
                assertEquals(files.size(), Integer.parseInt(files.get(i).group(3)), split);
            }
        });
    }

    static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
