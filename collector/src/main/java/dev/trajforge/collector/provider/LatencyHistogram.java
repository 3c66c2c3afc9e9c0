package dev.trajforge.collector.provider;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/** Call latencies in log-scale buckets (5% wide, 1 ms to ~2 h): constant memory, lock-free, percentiles within 5%. */
final class LatencyHistogram {
    private static final double GROWTH = 1.05;
    private static final int BUCKETS = 320;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        double ms = Math.max(1.0, nanos / 1e6);
        counts.incrementAndGet(Math.min(BUCKETS - 1, (int) (Math.log(ms) / Math.log(GROWTH))));
    }

    /** p50/p90/p99/max in milliseconds (upper bucket bounds); empty when nothing was recorded. */
    Map<String, Object> percentiles() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) total += counts.get(i);
        Map<String, Object> result = new TreeMap<>();
        if (total == 0) return result;
        double[] wanted = {0.50, 0.90, 0.99, 1.0};
        String[] names = {"p50_ms", "p90_ms", "p99_ms", "max_ms"};
        long seen = 0;
        int next = 0;
        for (int i = 0; i < BUCKETS && next < wanted.length; i++) {
            seen += counts.get(i);
            while (next < wanted.length && seen >= Math.ceil(wanted[next] * total)) {
                result.put(names[next++], Double.parseDouble(String.format(Locale.ROOT, "%.1f", Math.pow(GROWTH, i + 1))));
            }
        }
        return result;
    }
}
