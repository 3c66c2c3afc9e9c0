package dev.trajforge.exporter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same records in the same order with the same settings give the same bytes: parquet-java writes
 * nothing that depends on time or chance (its {@code created_by} names its version, so this holds for one
 * version; {@link FormatsTest} pins the rows, which hold across versions).
 */
class DeterminismTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "target shard bytes {0}")
    @ValueSource(longs = {ExportSettings.DEFAULT_TARGET_SHARD_BYTES, 3_000})
    void should_write_byte_identical_files_for_the_same_records(long targetShardBytes) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ExportResult first = Fixtures.export(Fixtures.settings(a, true).withSizes(targetShardBytes, 1 << 20), Fixtures.run(12, 3));
        ExportResult second = Fixtures.export(Fixtures.settings(b, true).withSizes(targetShardBytes, 1 << 20), Fixtures.run(12, 3));

        assertEquals(first.files(), second.files());
        List<String> names = ExportLayoutTest.list(a.resolve("data"));
        assertEquals(names, ExportLayoutTest.list(b.resolve("data")));
        assertTrue(names.size() >= 3);
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve("data").resolve(name)), Files.readAllBytes(b.resolve("data").resolve(name)), name);
        }
        for (String name : List.of("manifest.json", "README.md", "report.html")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
    }
}
