package dev.trajforge.collector.limit;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint limiter's statistics in one process ({@link EndpointLimiter#stats}): the limits it enforced, where its
 * adaptive concurrency limit stood, and counters. The stats of the processes of one run (a Spark job's tasks, each
 * enforcing its share of the run's limits) {@link #plus add up}: the counters add; the limits are the largest any
 * process enforced (a Spark job's tasks all enforce the same share); {@code concurrencyLimit} is the lowest any process's
 * adaptive limit stood at (a process that met 429s shows); {@code inFlight} adds up.
 */
public record LimiterStats(Integer requestsPerMinute, Integer tokensPerMinute, int maxConcurrency, int concurrencyLimit, int inFlight,
                           long calls, long rateLimited, long concurrencyDecreases, long waits, long waitNanos, long estimatedTokens,
                           long settledTokens) implements Serializable {
    public LimiterStats {
        if (maxConcurrency < 1 || concurrencyLimit < 1 || inFlight < 0) {
            throw new IllegalArgumentException("concurrency: cap and limit must be > 0 and in flight >= 0, got " + maxConcurrency + ", "
                    + concurrencyLimit + ", " + inFlight);
        }
        if (calls < 0 || rateLimited < 0 || concurrencyDecreases < 0 || waits < 0 || waitNanos < 0 || estimatedTokens < 0 || settledTokens < 0) {
            throw new IllegalArgumentException("limiter counters must be >= 0");
        }
    }

    /** Both processes' statistics of the same endpoint. */
    public LimiterStats plus(LimiterStats other) {
        return new LimiterStats(max(requestsPerMinute, other.requestsPerMinute), max(tokensPerMinute, other.tokensPerMinute),
                Math.max(maxConcurrency, other.maxConcurrency), Math.min(concurrencyLimit, other.concurrencyLimit), inFlight + other.inFlight,
                calls + other.calls, rateLimited + other.rateLimited, concurrencyDecreases + other.concurrencyDecreases, waits + other.waits,
                waitNanos + other.waitNanos, estimatedTokens + other.estimatedTokens, settledTokens + other.settledTokens);
    }

    /** For the manifest's {@code metrics.rate_limits}. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new TreeMap<>();
        if (requestsPerMinute != null) metrics.put("requests_per_minute", requestsPerMinute);
        if (tokensPerMinute != null) metrics.put("tokens_per_minute", tokensPerMinute);
        metrics.put("max_concurrency", maxConcurrency);
        metrics.put("concurrency_limit", concurrencyLimit);
        metrics.put("in_flight", inFlight);
        metrics.put("calls", calls);
        metrics.put("rate_limited_429", rateLimited);
        metrics.put("concurrency_decreases", concurrencyDecreases);
        metrics.put("waits", waits);
        metrics.put("wait_ms", waitNanos / 1_000_000);
        metrics.put("estimated_tokens", estimatedTokens);
        metrics.put("settled_tokens", settledTokens);
        return metrics;
    }

    private static Integer max(Integer a, Integer b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }
}
