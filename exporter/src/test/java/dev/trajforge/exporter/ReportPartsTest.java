package dev.trajforge.exporter;

import dev.trajforge.exporter.report.HtmlReport;
import dev.trajforge.exporter.report.ReportPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code report.html} of an export written in parts (a Spark job's partitions): the parts' counts and sample candidates,
 * merged, with the records of the sampled episodes given afterwards, render the same page as the same records streamed
 * through one export.
 */
class ReportPartsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 50})
    void should_render_the_same_page_from_merged_parts_as_from_the_records_streamed_through_one_export(int sample) throws Exception {
        List<ExportRecord> written = recordsWithADuplicate();
        byte[] manifest = manifest();
        HtmlReport streamed = new HtmlReport(sample);
        written.forEach(streamed::add);

        List<ReportPart> parts = new ArrayList<>();
        for (List<ExportRecord> chunk : List.of(written.subList(0, 10), written.subList(10, 12), written.subList(12, written.size()))) {
            ReportPart part = new ReportPart(sample);
            chunk.forEach(part::add);
            parts.add(roundTrip(part));
        }
        parts.add(new ReportPart(sample)); // a part with no episodes at all
        HtmlReport merged = HtmlReport.ofParts(sample, parts);
        Map<String, ExportRecord> journal = journalRecords();
        for (String id : merged.unviewed()) merged.view(journal.get(id));

        assertFalse(written.size() < 30, "records " + written.size());
        assertEquals(0, merged.unviewed().size());
        assertArrayEquals(streamed.render(manifest), merged.render(manifest));
    }

    @Test
    void should_sample_at_most_the_sample_size_of_candidates_per_outcome_in_a_part() {
        ReportPart part = new ReportPart(2);
        List<ExportRecord> records = recordsWithADuplicate();
        records.forEach(part::add);
        long held = records.stream().filter(r -> part.holds(r.trajectory().id())).count();
        assertEquals(4, held, "two accepted and two rejected candidates");
        assertEquals(2, HtmlReport.ofParts(2, List.of(part)).unviewed().size());
    }

    @Test
    void should_refuse_to_render_before_every_sampled_trajectory_is_given() throws Exception {
        ReportPart part = new ReportPart(4);
        recordsWithADuplicate().forEach(part::add);
        HtmlReport merged = HtmlReport.ofParts(4, List.of(part));
        byte[] manifest = manifest();

        assertEquals(4, merged.unviewed().size());
        assertThrows(IllegalStateException.class, () -> merged.render(manifest));
    }

    @Test
    void should_refuse_a_record_that_is_not_a_sampled_episode_or_contradicts_its_outcome() {
        List<ExportRecord> records = recordsWithADuplicate();
        ReportPart part = new ReportPart(50);
        records.forEach(part::add);
        HtmlReport merged = HtmlReport.ofParts(50, List.of(part));
        ExportRecord rejected = records.stream().filter(r -> r.status() == RecordStatus.REJECTED && !r.rejectReasons().contains(Dedup.REASON))
                .findFirst().orElseThrow();
        ExportRecord asAccepted = ExportRecord.accepted(rejected.trajectory(), 1.0, null, null, null);
        ExportRecord unknown = ExportRecord.accepted(Fixtures.trajectory("retail", "retail-task-99", 0), 1.0, null, null, null);

        assertThrows(IllegalArgumentException.class, () -> merged.view(unknown));
        ExportRecord infraFailed = ExportRecord.infraFailed(rejected.trajectory());
        assertThrows(IllegalArgumentException.class, () -> merged.view(infraFailed));
        merged.view(asAccepted); // an accepted record of an episode sampled as rejected is its duplicate
        assertThrows(IllegalArgumentException.class, () -> merged.view(rejected), "already viewed");
    }

    /** {@link Fixtures#run}(12, 3) as an export writes it, with one accepted record (the 12th) written as a duplicate. */
    private static List<ExportRecord> recordsWithADuplicate() {
        List<ExportRecord> records = new ArrayList<>(Fixtures.run(12, 3));
        ExportRecord twelfth = records.get(11);
        assertEquals(RecordStatus.ACCEPTED, twelfth.status());
        records.set(11, twelfth.asDuplicate());
        return records;
    }

    /** The records as the run's journal holds them: before dedup. */
    private static Map<String, ExportRecord> journalRecords() {
        return Fixtures.run(12, 3).stream().collect(Collectors.toMap(r -> r.trajectory().id(), Function.identity()));
    }

    private byte[] manifest() throws Exception {
        Path out = dir.resolve("out");
        Fixtures.export(Fixtures.settings(out, false), Fixtures.run(12, 3));
        return Files.readAllBytes(out.resolve("manifest.json"));
    }

    private static ReportPart roundTrip(ReportPart part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(part);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ReportPart) in.readObject();
        }
    }
}
