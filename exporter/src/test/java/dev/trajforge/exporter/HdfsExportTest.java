package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same code against a real in-JVM HDFS: an hdfs:// URI needs no rewrite. */
class HdfsExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path dir;
    static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws IOException {
        cluster = MiniHdfs.start(dir.resolve("hdfs"));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void should_publish_an_export_on_hdfs_that_matches_the_local_one_byte_for_byte() throws IOException {
        String uri = "hdfs://localhost:" + cluster.getNameNodePort() + "/datasets/run1";
        ExportSettings settings = ExportSettings.of(uri, Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.3, true).withSizes(4_000, 1 << 20);
        List<ExportRecord> records = Fixtures.run(12, 3);

        ExportResult result = export(settings, records);
        ExportResult local = Fixtures.export(Fixtures.settings(dir.resolve("local"), true).withSizes(4_000, 1 << 20), records);

        FileSystem fs = cluster.getFileSystem();
        Path out = new Path("/datasets/run1");
        assertTrue(fs.exists(new Path(out, "_SUCCESS")));
        assertFalse(fs.exists(new Path(out, "_temporary")));
        assertEquals("hdfs", result.outputUri().getScheme());
        assertEquals(local.files(), result.files());
        JsonNode manifest = JSON.readTree(read(fs, new Path(out, "manifest.json")));
        assertEquals(result.files().size(), manifest.get("files").size());
        for (ExportResult.ShardFile file : result.files()) {
            byte[] bytes = read(fs, new Path(out, file.path()));
            assertEquals(Hashing.sha256Hex(bytes), file.sha256(), file.path());
            assertArrayEquals(java.nio.file.Files.readAllBytes(dir.resolve("local").resolve(file.path())), bytes, file.path());
        }
        List<String> names = Arrays.stream(fs.listStatus(new Path(out, "data"))).map(FileStatus::getPath).map(Path::getName).sorted().toList();
        assertEquals(result.files().stream().map(f -> f.path().substring("data/".length())).toList(), names);
    }

    @Test
    void should_replace_a_previous_export_on_hdfs() throws IOException {
        String uri = "hdfs://localhost:" + cluster.getNameNodePort() + "/datasets/run2";
        ExportResult first = export(ExportSettings.of(uri, Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.3, true), Fixtures.run(12, 3));
        ExportResult second = export(ExportSettings.of(uri, Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.0, false).withOverwrite(true), Fixtures.run(4, 1));

        FileSystem fs = cluster.getFileSystem();
        assertEquals(3, first.files().size());
        assertEquals(List.of("train-00000-of-00001.parquet"),
                Arrays.stream(fs.listStatus(new Path("/datasets/run2/data"))).map(s -> s.getPath().getName()).toList());
        assertTrue(fs.exists(new Path("/datasets/run2/_SUCCESS")));
    }

    private static ExportResult export(ExportSettings settings, List<ExportRecord> records) {
        try (DatasetExport export = DatasetExport.open(settings, cluster.getConfiguration(0))) {
            records.forEach(export::write);
            return export.commit(Fixtures.CREATED_AT, UsageTotals.none());
        }
    }

    private static byte[] read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }
}
