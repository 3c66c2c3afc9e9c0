package dev.trajforge.collector.run;

import dev.trajforge.exporter.ExportResult;

import java.time.Duration;
import java.util.Map;

/**
 * How an invocation ended and what it produced, for the CLI's summary and exit code. {@code export}
 * is set when this invocation committed the dataset.
 */
public record RunReport(String runId, Status status, ExportResult export, Duration elapsed, long episodesRun,
                        Map<String, Long> infraFailures, String detail) {
    public enum Status {
        /** every episode done, dataset committed by this invocation */
        COMMITTED,
        /** nothing left to do: the dataset of this config is already committed */
        ALREADY_COMPLETE,
        /** this worker's share is done; another worker (or `trajforge commit`) commits */
        WORKER_DONE,
        /** every worker is done and another process is writing the dataset */
        COMMITTING_ELSEWHERE,
        /** a budget stopped the run; rerun the same command to resume */
        STOPPED_BY_BUDGET
    }

    public RunReport {
        infraFailures = infraFailures == null ? Map.of() : Map.copyOf(infraFailures);
    }

    public double episodesPerSecond() {
        return episodesRun / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }
}
