package dev.trajforge.exporter.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.exporter.ExportRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page about one export (the style sheet, the page script, Chart.js and the data
 * inline; no network), readable without JavaScript (every number in plain HTML tables, the viewer's trajectories in
 * {@code <details>}) and interactive with it (charts, the viewer's filters). It is made of {@code manifest.json} (identity,
 * counts, files, run metrics) and of the episodes: every record an export streams ({@link #add(ExportRecord)}), or the
 * rows read back from the shards ({@link StoredReport}), or the parts other processes counted ({@link #ofParts}). The same
 * manifest and episodes always render the same bytes: no clock is read, times come from the manifest.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "report.html";
    /** Trajectories the viewer shows unless told otherwise ({@code report.sample}, {@code --sample}). */
    public static final int DEFAULT_SAMPLE = 50;
    /** The largest sample: a few hundred conversations already make a report of megabytes. */
    public static final int MAX_SAMPLE = 1_000;

    private final EpisodeStats stats = new EpisodeStats();
    private final TrajectorySample sample;
    private final List<String> notes = new ArrayList<>();

    /** A report whose viewer shows up to {@code sampleSize} trajectories, in [0, {@value #MAX_SAMPLE}]. */
    public HtmlReport(int sampleSize) {
        requireSample(sampleSize);
        this.sample = new TrajectorySample(sampleSize);
    }

    /**
     * The report of an export whose parts other processes wrote, each counting its own records ({@link ReportPart}): the
     * parts' statistics merged in the order given, and the viewer's sample chosen among their candidates by the same rule
     * as for streamed records, so that it holds the same episodes. Their trajectories are still to be given, through
     * {@link #view}, for every episode {@link #unviewed} names, before {@link #render}.
     */
    public static HtmlReport ofParts(int sampleSize, List<ReportPart> parts) {
        HtmlReport report = new HtmlReport(sampleSize);
        for (ReportPart part : parts) {
            report.stats.merge(part.stats());
            report.sample.merge(part.candidates());
        }
        return report;
    }

    /** Throws naming the bounds unless {@code size} is a sample size the report takes. */
    public static void requireSample(int size) {
        if (size < 0 || size > MAX_SAMPLE) throw new IllegalArgumentException("sample: must be in [0, " + MAX_SAMPLE + "], got " + size);
    }

    /** Counts one episode of an export (every status, after dedup) and offers it to the viewer's sample. */
    public void add(ExportRecord record) {
        Episode episode = RecordEpisodes.episode(record);
        stats.add(episode);
        sample.offer(episode.id(), episode.outcome(), () -> RecordEpisodes.viewed(record));
    }

    /** The ids of the episodes the viewer shows whose records {@link #view} has not been given yet, in the viewer's order. */
    public Set<String> unviewed() {
        return new LinkedHashSet<>(sample.unviewed().keySet());
    }

    /**
     * Gives the record of an episode {@link #unviewed} names, as the export wrote it. An accepted record of an episode the
     * sample holds as rejected is taken as the duplicate dedup made of it ({@link ExportRecord#asDuplicate}): dedup is the
     * only way an accepted episode is written as a rejected one.
     */
    public void view(ExportRecord record) {
        String id = record.trajectory().id();
        Outcome outcome = sample.unviewed().get(id);
        if (outcome == null) throw new IllegalArgumentException("episode " + id + " is not a sampled episode still to be viewed");
        if (outcome == Outcome.REJECTED && Outcome.of(record.status()) == Outcome.ACCEPTED) record = record.asDuplicate();
        if (Outcome.of(record.status()) != outcome) {
            throw new IllegalArgumentException("episode " + id + " is sampled as " + outcome.label() + ", its record is " + record.status());
        }
        sample.view(id, outcome, RecordEpisodes.viewed(record));
    }

    /** Counts one stored row (its columns as the contract's JSON) of {@code split}. */
    void add(JsonNode columns, String split) {
        Episode episode = RowEpisodes.episode(columns, split);
        stats.add(episode);
        sample.offer(episode.id(), episode.outcome(), () -> RowEpisodes.viewed(columns, split));
    }

    /** Something the report could not know, said on the page. */
    void note(String text) {
        notes.add(text);
    }

    /** The page, from the export's {@code manifest.json} and the episodes added. */
    public byte[] render(byte[] manifestJson) {
        JsonNode manifest;
        try {
            manifest = JsonText.parse(new String(manifestJson, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("manifest.json is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return Templates.render(ReportPage.model(manifest, stats, sample.trajectories(), sample.size(), notes));
    }
}
