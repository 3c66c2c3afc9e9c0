package dev.trajforge.exporter.validate;

import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.exporter.MiniHdfs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validate and inspect read an export in place on a real in-JVM HDFS, through the hdfs:// URI. */
class HdfsValidationTest {
    @TempDir
    static java.nio.file.Path dir;
    static MiniDFSCluster cluster;
    static Configuration conf;

    @BeforeAll
    static void startHdfs() throws IOException {
        cluster = MiniHdfs.start(dir.resolve("hdfs"));
        conf = cluster.getConfiguration(0);
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void should_pass_a_good_export_on_hdfs_and_report_a_missing_success_marker_there() throws IOException {
        String uri = "hdfs://localhost:" + cluster.getNameNodePort() + "/datasets/validated";
        List<ExportRecord> records = Exports.run(10, 2);
        ExportSettings settings = ExportSettings.of(uri, Exports.RUN_ID, Exports.CONFIG_SHA256, 0.3, true).withSizes(Exports.SHARD_BYTES, 1 << 20);
        try (DatasetExport export = DatasetExport.open(settings, conf)) {
            records.forEach(export::write);
            export.commit(Exports.CREATED_AT, UsageTotals.none());
        }

        DatasetValidator.Report report = DatasetValidator.check(uri, conf);
        assertEquals(List.of(), report.violations());
        assertTrue(report.files() > 2 && report.rows() > 0, report.toString());
        assertEquals("hdfs", report.root().getScheme());

        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        DatasetInspector.inspect(uri, conf, 0, new PrintStream(shown, true, StandardCharsets.UTF_8));
        assertTrue(shown.toString(StandardCharsets.UTF_8).contains("0] system"), shown.toString(StandardCharsets.UTF_8));

        FileSystem fs = cluster.getFileSystem();
        assertTrue(fs.delete(new Path("/datasets/validated/_SUCCESS"), false));
        List<Violation> violations = DatasetValidator.validate(uri, conf);
        assertEquals(Set.of(Rule.SUCCESS_MARKER.id()), violations.stream().map(Violation::rule).collect(Collectors.toSet()));
    }
}
