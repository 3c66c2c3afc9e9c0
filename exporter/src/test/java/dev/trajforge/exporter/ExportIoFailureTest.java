package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An I/O error in the middle of a shard: a clear error, nothing partial visible, and a rerun completes. */
class ExportIoFailureTest {
    @TempDir
    Path dir;

    @Test
    void should_leave_no_visible_partial_file_and_name_the_shard_when_a_write_fails_mid_shard() throws IOException {
        Path out = dir.resolve("out");
        List<ExportRecord> records = Fixtures.run(150, 3);
        // small row groups: parquet-java writes one out at its first size check (after 100 rows), while rows are still being written
        ExportSettings settings = settings(out).withSizes(1L << 30, 4_096);
        Configuration failing = FailingFileSystem.conf(Fixtures.conf(), halfwayThroughTheFirstTrainRowGroup(records));

        ExportException failure = assertThrows(ExportException.class, () -> {
            try (DatasetExport export = DatasetExport.open(settings, failing)) {
                records.forEach(export::write);
                export.commit(Fixtures.CREATED_AT, UsageTotals.none());
            }
        });

        assertTrue(failure.getMessage().contains(".parquet") && failure.getMessage().contains(FailingFileSystem.MESSAGE), failure.getMessage());
        assertEquals(List.of(), visible(out), "no data file, manifest, card or _SUCCESS is visible");
        assertTrue(Files.notExists(out.resolve("_temporary")), "the staged partial shard is removed");
    }

    @Test
    void should_complete_when_rerun_after_a_failed_write() throws IOException {
        Path out = dir.resolve("out");
        List<ExportRecord> records = Fixtures.run(150, 3);
        ExportSettings settings = settings(out).withSizes(1L << 30, 4_096);
        assertThrows(ExportException.class, () -> {
            try (DatasetExport export = DatasetExport.open(settings, FailingFileSystem.conf(Fixtures.conf(), halfwayThroughTheFirstTrainRowGroup(records)))) {
                records.forEach(export::write);
                export.commit(Fixtures.CREATED_AT, UsageTotals.none());
            }
        });

        ExportResult rerun;
        try (DatasetExport export = DatasetExport.open(settings, FailingFileSystem.conf(Fixtures.conf(), -1))) {
            records.forEach(export::write);
            rerun = export.commit(Fixtures.CREATED_AT, UsageTotals.none());
        }

        ExportResult reference = Fixtures.export(Fixtures.settings(dir.resolve("reference"), false).withSizes(1L << 30, 4_096), records);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(reference.accepted(), rerun.accepted());
        long rows = Long.parseLong(DuckDb.strings("SELECT count(*) FROM read_parquet('" + out + "/data/*.parquet')").getFirst());
        assertEquals(rerun.accepted(), rows);
        for (ExportResult.ShardFile file : reference.files()) {
            assertEquals(-1L, Files.mismatch(dir.resolve("reference").resolve(file.path()), out.resolve(file.path())),
                    file.path() + " is byte-identical to an export that never failed");
        }
    }

    /**
     * The byte halfway through the first row group of the train shard these records make: the failure hits
     * the middle of it, while later rows are still to be written (the rest of the shard, its bloom filter
     * and footer, is written when it closes).
     */
    private long halfwayThroughTheFirstTrainRowGroup(List<ExportRecord> records) throws IOException {
        ExportResult probe = Fixtures.export(Fixtures.settings(dir.resolve("probe"), false).withSizes(1L << 30, 4_096), records);
        String train = probe.files().stream().filter(f -> f.path().startsWith("data/train-")).findFirst().orElseThrow().path();
        BlockMetaData first = ReadBack.rowGroups(dir.resolve("probe").resolve(train)).getFirst();
        return first.getStartingPos() + first.getCompressedSize() / 2;
    }

    private static ExportSettings settings(Path out) {
        return ExportSettings.of(FailingFileSystem.SCHEME + "://" + out.toAbsolutePath(), Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.3, false);
    }

    /** Every file under {@code out} outside {@code _temporary/}, relative. */
    private static List<String> visible(Path out) throws IOException {
        if (Files.notExists(out)) return List.of();
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
                    .filter(name -> !name.startsWith("_temporary")).sorted().toList();
        }
    }
}
