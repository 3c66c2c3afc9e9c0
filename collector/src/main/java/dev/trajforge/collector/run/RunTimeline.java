package dev.trajforge.collector.run;

import dev.trajforge.exporter.RecordStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When this process's episodes finished, for the manifest's {@code metrics.timeline} (the report's episodes over time and
 * throughput: rows carry no time). Episodes are counted by the judge's verdict (before dedup) in intervals from the moment
 * the episodes started; the intervals start at one second and double whenever a run outgrows {@value #MAX_BUCKETS} of them,
 * so a run of days still takes a few hundred numbers. Episodes an earlier invocation or another worker ran are not here.
 * Not thread-safe: the run calls it under the lock it counts its tally with.
 */
final class RunTimeline {
    static final int MAX_BUCKETS = 120;

    private final Instant started;
    private long bucketMillis = 1_000;
    /** per bucket: {accepted, rejected, infra failed} */
    private long[][] buckets = new long[MAX_BUCKETS][3];
    private int used;
    private long episodes;
    private long lastMillis;

    RunTimeline(Instant started) {
        this.started = Objects.requireNonNull(started, "started");
    }

    void finished(Instant at, RecordStatus status) {
        long millis = Math.max(0, Duration.between(started, at).toMillis());
        while (millis / bucketMillis >= MAX_BUCKETS) widen();
        int bucket = (int) (millis / bucketMillis);
        buckets[bucket][status.ordinal()]++;
        used = Math.max(used, bucket + 1);
        lastMillis = Math.max(lastMillis, millis);
        episodes++;
    }

    /** Halves the number of buckets in use by merging neighbours: every bucket becomes twice as long. */
    private void widen() {
        long[][] merged = new long[MAX_BUCKETS][3];
        for (int i = 0; i < used; i++) {
            for (int k = 0; k < 3; k++) merged[i / 2][k] += buckets[i][k];
        }
        buckets = merged;
        used = (used + 1) / 2;
        bucketMillis *= 2;
    }

    /** {@code started_at}, {@code bucket_seconds}, {@code finished} by verdict per bucket, {@code episodes_run}, {@code seconds}; empty when none ran. */
    Map<String, Object> metrics() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (episodes == 0) return out;
        out.put("started_at", DateTimeFormatter.ISO_INSTANT.format(started));
        out.put("bucket_seconds", bucketMillis / 1000);
        Map<String, long[]> finished = new LinkedHashMap<>();
        String[] names = {"accepted", "rejected", "infra_failed"};
        for (RecordStatus status : RecordStatus.values()) {
            finished.put(names[status.ordinal()], Arrays.stream(buckets, 0, used).mapToLong(b -> b[status.ordinal()]).toArray());
        }
        out.put("finished", finished);
        out.put("episodes_run", episodes);
        out.put("seconds", lastMillis / 1000.0);
        return out;
    }
}
