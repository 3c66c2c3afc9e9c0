package dev.trajforge.exporter.report;

import dev.trajforge.exporter.ExportRecord;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one part of an export, written by a process of its own (a Spark partition), tells {@code report.html}: the
 * statistics of its episodes and its candidates for the viewer's sample, by id alone. Counters and at most twice the
 * sample size of ids, never a trajectory: whoever commits merges the parts ({@link HtmlReport#ofParts}) and reads again
 * only the few records the merged sample shows ({@link HtmlReport#unviewed}, {@link HtmlReport#view}).
 */
public final class ReportPart implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EpisodeStats stats = new EpisodeStats();
    private final TrajectorySample candidates;

    /** A part of an export whose report shows up to {@code sampleSize} trajectories. */
    public ReportPart(int sampleSize) {
        HtmlReport.requireSample(sampleSize);
        this.candidates = new TrajectorySample(sampleSize);
    }

    /** Counts one episode of the part as the export writes it (every status, after dedup) and offers it as a candidate. */
    public void add(ExportRecord record) {
        Objects.requireNonNull(record, "record");
        Episode episode = RecordEpisodes.episode(record);
        stats.add(episode);
        candidates.offer(episode.id(), episode.outcome(), () -> null);
    }

    /** Whether the episode {@code id} is one of the part's candidates for the viewer's sample. */
    public boolean holds(String id) {
        return candidates.holds(id);
    }

    EpisodeStats stats() {
        return stats;
    }

    TrajectorySample candidates() {
        return candidates;
    }
}
