package dev.trajforge.collector.run;

import dev.trajforge.exporter.ExportResult;

import java.time.Duration;
import java.util.Map;

/** What a finished run produced, for the CLI's summary; {@code infraFailures} counts infra failures by cause. */
public record RunReport(String runId, ExportResult export, Duration elapsed, Map<String, Long> infraFailures) {
    public RunReport {
        infraFailures = Map.copyOf(infraFailures);
    }

    public double episodesPerSecond() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        return export.episodes() / seconds;
    }
}
