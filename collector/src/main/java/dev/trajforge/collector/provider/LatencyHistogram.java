package dev.trajforge.collector.provider;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call latencies in log-scale buckets (5% wide, 1 ms to ~2 h): constant memory, lock-free, percentiles within 5%. The
 * bucket counts ({@link #counts}) of several histograms add up to the histogram of all their calls, so percentiles of
 * calls made in several processes are computed as if one had made them all.
 */
final class LatencyHistogram {
    static final int BUCKETS = 320;
    private static final double GROWTH = 1.05;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        double ms = Math.max(1.0, nanos / 1e6);
        counts.incrementAndGet(Math.min(BUCKETS - 1, (int) (Math.log(ms) / Math.log(GROWTH))));
    }

    /** The calls in each bucket so far. */
    long[] counts() {
        long[] out = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) out[i] = counts.get(i);
        return out;
    }

    /** p50/p90/p99/max in milliseconds (upper bucket bounds) of these bucket counts; empty when nothing was recorded. */
    static Map<String, Object> percentiles(long[] counts) {
        long total = 0;
        for (long n : counts) total += n;
        Map<String, Object> result = new TreeMap<>();
        if (total == 0) return result;
        double[] wanted = {0.50, 0.90, 0.99, 1.0};
        String[] names = {"p50_ms", "p90_ms", "p99_ms", "max_ms"};
        long seen = 0;
        int next = 0;
        for (int i = 0; i < counts.length && next < wanted.length; i++) {
            seen += counts[i];
            while (next < wanted.length && seen >= Math.ceil(wanted[next] * total)) {
                result.put(names[next++], Double.parseDouble(String.format(Locale.ROOT, "%.1f", Math.pow(GROWTH, i + 1))));
            }
        }
        return result;
    }
}
