package dev.trajforge.exporter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an export leaves behind when it cannot start or does not finish. */
class ExportFailureTest {
    @TempDir
    Path dir;

    @Test
    void should_fail_fast_naming_the_path_when_the_output_is_under_a_regular_file() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a directory");
        Path out = file.resolve("export");

        ExportException e = assertThrows(ExportException.class,
                () -> DatasetExport.open(Fixtures.settings(out, false), Fixtures.conf()));

        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertEquals(List.of("plain.txt"), ExportLayoutTest.list(dir));
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void should_fail_fast_when_the_output_is_a_regular_file() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        ExportException e = assertThrows(ExportException.class,
                () -> DatasetExport.open(Fixtures.settings(file, false), Fixtures.conf()));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(List.of("taken"), ExportLayoutTest.list(dir));
    }

    @Test
    void should_fail_fast_naming_the_uri_when_no_file_system_serves_its_scheme() {
        ExportSettings settings = ExportSettings.of("nosuchfs://somewhere/out", Fixtures.RUN_ID, Fixtures.CONFIG_SHA256, 0.1, false);

        ExportException e = assertThrows(ExportException.class, () -> DatasetExport.open(settings, Fixtures.conf()));

        assertTrue(e.getMessage().contains("nosuchfs://somewhere/out"), e.getMessage());
    }

    @Test
    void should_leave_nothing_when_closed_without_commit() {
        Path out = dir.resolve("deep/out");
        try (DatasetExport export = DatasetExport.open(Fixtures.settings(out, true), Fixtures.conf())) {
            Fixtures.run(6, 2).forEach(export::write);
            assertTrue(Files.isDirectory(out.resolve("_temporary").resolve(Fixtures.RUN_ID)));
        }

        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("data")));
        assertFalse(Files.exists(out.resolve("_temporary")));
        assertEquals(List.of(), ExportLayoutTest.list(dir), "the directories the export created are gone too");
    }

    @Test
    void should_keep_a_previous_export_intact_when_a_new_one_is_abandoned() throws IOException {
        Path out = dir.resolve("out");
        ExportResult first = Fixtures.export(Fixtures.settings(out, false), Fixtures.run(6, 2));
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));

        try (DatasetExport export = DatasetExport.open(Fixtures.settings(out, false).withOverwrite(true), Fixtures.conf())) {
            Fixtures.run(3, 1).forEach(export::write);
        }

        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_temporary")));
        assertEquals(first.files().size(), ExportLayoutTest.list(out.resolve("data")).size());
        assertEquals(new String(manifest), Files.readString(out.resolve("manifest.json")));
    }

    @Test
    void should_refuse_writes_and_a_second_commit_after_commit() {
        Path out = dir.resolve("out");
        try (DatasetExport export = DatasetExport.open(Fixtures.settings(out, false), Fixtures.conf())) {
            export.write(Fixtures.accepted("retail", "retail-task-1", 0));
            export.commit(Instant.EPOCH, UsageTotals.none());

            assertThrows(IllegalStateException.class, () -> export.write(Fixtures.accepted("retail", "retail-task-1", 1)));
            assertThrows(IllegalStateException.class, () -> export.commit(Instant.EPOCH, UsageTotals.none()));
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")), "close after commit keeps the export");
    }

    @Test
    void should_commit_an_empty_export_with_a_manifest_and_no_files() throws IOException {
        Path out = dir.resolve("out");
        ExportResult result;
        try (DatasetExport export = DatasetExport.open(Fixtures.settings(out, true), Fixtures.conf())) {
            result = export.commit(Fixtures.CREATED_AT, UsageTotals.none());
        }

        assertEquals(0, result.episodes());
        assertEquals(List.of(), result.files());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"files\": [ ]"));
    }
}
