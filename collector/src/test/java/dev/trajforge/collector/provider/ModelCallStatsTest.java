package dev.trajforge.collector.provider;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A role's calls made in several processes (a Spark job's tasks) add up to what one process making them all reports. */
class ModelCallStatsTest {
    @Test
    void should_report_the_percentiles_of_all_calls_when_two_processes_stats_are_added_not_a_mix_of_their_percentiles() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            fast.record(10_000_000L);
            all.record(10_000_000L);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(1_000_000_000L);
            all.record(1_000_000_000L);
        }
        ModelCallStats a = new ModelCallStats(100, 3, 100 * 10_000_000L, fast.counts());
        ModelCallStats b = new ModelCallStats(10, 1, 10 * 1_000_000_000L, slow.counts());
        ModelCallStats one = new ModelCallStats(110, 4, 100 * 10_000_000L + 10 * 1_000_000_000L, all.counts());

        Map<String, Object> merged = a.plus(b).metrics();
        assertEquals(one.metrics(), merged);
        assertEquals(one, a.plus(b));
        assertEquals(110L, merged.get("answered_calls"));
        assertEquals(4L, merged.get("retries"));
        assertEquals((100 * 10.0 + 10 * 1000.0) / 110, (double) merged.get("mean_latency_ms"), 1e-9);
        assertEquals(a.metrics().get("p50_ms"), merged.get("p50_ms"), "most calls were fast");
        assertEquals(b.metrics().get("p99_ms"), merged.get("p99_ms"), "the slowest 1% are the slow process's");
        assertNotEquals(a.metrics().get("p90_ms"), b.metrics().get("p90_ms"));
    }

    @Test
    void should_add_nothing_to_stats_with_no_calls() {
        LatencyHistogram some = new LatencyHistogram();
        some.record(42_000_000L);
        ModelCallStats stats = new ModelCallStats(1, 0, 42_000_000L, some.counts());
        assertEquals(stats, stats.plus(ModelCallStats.NONE));
        assertEquals(Map.of("answered_calls", 0L, "retries", 0L, "mean_latency_ms", 0.0), ModelCallStats.NONE.metrics());
    }

    @Test
    void should_refuse_a_histogram_of_another_shape_or_negative_counts() {
        assertThrows(IllegalArgumentException.class, () -> new ModelCallStats(1, 0, 1, new long[3]));
        assertThrows(IllegalArgumentException.class, () -> new ModelCallStats(-1, 0, 1, new long[LatencyHistogram.BUCKETS]));
    }
}
