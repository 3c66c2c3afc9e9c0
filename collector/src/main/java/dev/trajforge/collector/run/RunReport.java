package dev.trajforge.collector.run;

import dev.trajforge.exporter.ExportResult;

import java.time.Duration;

/** What a finished run produced, for the CLI's summary. */
public record RunReport(String runId, ExportResult export, Duration elapsed) {
    public double episodesPerSecond() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        return export.episodes() / seconds;
    }
}
