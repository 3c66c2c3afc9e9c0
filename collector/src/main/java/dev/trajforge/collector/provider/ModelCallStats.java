package dev.trajforge.collector.provider;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one role's model calls came to in one process: calls answered, retries made, the total latency of the answered
 * calls and their latency histogram (the bucket counts, {@link LatencyHistogram}). Counts and sums, so the stats of the
 * processes of one run (a Spark job's tasks) {@link #plus add up} exactly: the mean and the percentiles of the sum are
 * those of all the calls together, at the histogram's resolution (5%), as one process would report them.
 */
public record ModelCallStats(long answered, long retries, long latencyNanos, long[] latencyBuckets) implements Serializable {
    /** No call yet. */
    public static final ModelCallStats NONE = new ModelCallStats(0, 0, 0, new long[LatencyHistogram.BUCKETS]);

    public ModelCallStats {
        if (answered < 0 || retries < 0 || latencyNanos < 0) {
            throw new IllegalArgumentException("calls, retries and latency must be >= 0, got " + answered + ", " + retries + ", " + latencyNanos);
        }
        if (latencyBuckets.length != LatencyHistogram.BUCKETS) {
            throw new IllegalArgumentException("a latency histogram has " + LatencyHistogram.BUCKETS + " buckets, got " + latencyBuckets.length);
        }
        latencyBuckets = latencyBuckets.clone();
        for (long n : latencyBuckets) if (n < 0) throw new IllegalArgumentException("latency bucket counts must be >= 0, got " + n);
    }

    /** The calls of both. */
    public ModelCallStats plus(ModelCallStats other) {
        long[] buckets = latencyBuckets.clone();
        for (int i = 0; i < buckets.length; i++) buckets[i] += other.latencyBuckets[i];
        return new ModelCallStats(answered + other.answered, retries + other.retries, latencyNanos + other.latencyNanos, buckets);
    }

    @Override
    public long[] latencyBuckets() {
        return latencyBuckets.clone();
    }

    /** For the manifest's {@code metrics.model_calls}: answered calls, retries, mean latency and p50/p90/p99/max latency. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new TreeMap<>(LatencyHistogram.percentiles(latencyBuckets));
        metrics.put("answered_calls", answered);
        metrics.put("retries", retries);
        metrics.put("mean_latency_ms", answered == 0 ? 0.0 : latencyNanos / 1e6 / answered);
        return metrics;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelCallStats s && answered == s.answered && retries == s.retries && latencyNanos == s.latencyNanos
                && Arrays.equals(latencyBuckets, s.latencyBuckets);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(answered) + Arrays.hashCode(latencyBuckets);
    }

    @Override
    public String toString() {
        return "ModelCallStats" + metrics();
    }
}
