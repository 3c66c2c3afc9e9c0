package dev.trajforge.collector.run;

import dev.trajforge.collector.limit.LimiterStats;
import dev.trajforge.collector.provider.ModelCallStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The model calls of a run's processes (a Spark job's tasks) merge into the manifest's model_calls and rate_limits. */
class ModelCallMetricsTest {
    private static final String ENDPOINT = "gpt-x@http://127.0.0.1:8080/v1";

    @Test
    void should_add_the_counters_of_one_endpoint_and_keep_the_lowest_adaptive_limit_and_each_tasks_limits() {
        LimiterStats a = new LimiterStats(250, 100_000, 16, 16, 0, 40, 0, 0, 3, 600_000, 4_000, 3_900);
        LimiterStats b = new LimiterStats(250, 100_000, 16, 4, 1, 60, 5, 2, 7, 900_000, 6_000, 6_100);

        Map<String, Object> merged = a.plus(b).metrics();
        assertEquals(250, merged.get("requests_per_minute"), "each task's share, as each task enforced it");
        assertEquals(100_000, merged.get("tokens_per_minute"));
        assertEquals(16, merged.get("max_concurrency"));
        assertEquals(4, merged.get("concurrency_limit"), "the lowest a task's adaptive limit stood at");
        assertEquals(1, merged.get("in_flight"));
        assertEquals(100L, merged.get("calls"));
        assertEquals(5L, merged.get("rate_limited_429"));
        assertEquals(2L, merged.get("concurrency_decreases"));
        assertEquals(10L, merged.get("waits"));
        assertEquals(1L, merged.get("wait_ms"), "1.5 ms of waits in all, not 0 ms + 0 ms");
        assertEquals(10_000L, merged.get("estimated_tokens"));
        assertEquals(10_000L, merged.get("settled_tokens"));
    }

    @Test
    void should_merge_roles_and_endpoints_of_several_processes_taking_one_only_one_used_as_it_is() throws Exception {
        ModelCallStats agentA = new ModelCallStats(5, 1, 50_000_000L, histogram(10, 5));
        ModelCallStats agentB = new ModelCallStats(7, 0, 70_000_000L, histogram(10, 7));
        ModelCallStats judge = new ModelCallStats(2, 0, 20_000_000L, histogram(10, 2));
        LimiterStats limiterA = new LimiterStats(null, null, 64, 64, 0, 6, 0, 0, 0, 0, 600, 600);
        LimiterStats limiterB = new LimiterStats(null, null, 64, 64, 0, 9, 0, 0, 0, 0, 900, 900);
        ModelCallMetrics a = new ModelCallMetrics(Map.of("agent", agentA), Map.of(ENDPOINT, limiterA));
        ModelCallMetrics b = new ModelCallMetrics(Map.of("agent", agentB, "judge", judge), Map.of(ENDPOINT, limiterB));

        ModelCallMetrics merged = roundTrip(ModelCallMetrics.NONE.plus(a)).plus(roundTrip(b));
        assertEquals(Map.of("agent", agentA.plus(agentB).metrics(), "judge", judge.metrics()), merged.modelCalls());
        assertEquals(12L, ((Map<?, ?>) merged.modelCalls().get("agent")).get("answered_calls"));
        assertEquals(Map.of(ENDPOINT, limiterA.plus(limiterB).metrics()), merged.rateLimits());
        assertEquals(15L, ((Map<?, ?>) merged.rateLimits().get(ENDPOINT)).get("calls"));
        assertEquals(Map.of(), ModelCallMetrics.NONE.plus(ModelCallMetrics.NONE).modelCalls(), "a scripted run: {}");
    }

    /** A latency histogram with {@code calls} calls in bucket {@code bucket}. */
    private static long[] histogram(int bucket, long calls) {
        long[] counts = ModelCallStats.NONE.latencyBuckets();
        counts[bucket] = calls;
        return counts;
    }

    private static ModelCallMetrics roundTrip(ModelCallMetrics metrics) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(metrics);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ModelCallMetrics) in.readObject();
        }
    }
}
