package dev.trajforge.collector.run;

import dev.trajforge.collector.limit.LimiterStats;
import dev.trajforge.collector.provider.ModelCallStats;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A process's model calls, for the manifest's {@code metrics.model_calls} (per provider-backed role) and
 * {@code metrics.rate_limits} (per endpoint). Values that add up ({@link #plus}), so that a run made by several processes
 * (a Spark job's collection tasks) reports its calls as one: a role or endpoint only one process used is taken as it is.
 */
public record ModelCallMetrics(Map<String, ModelCallStats> roles, Map<String, LimiterStats> endpoints) implements Serializable {
    /** No provider-backed role: what a scripted run reports ({} and {}). */
    public static final ModelCallMetrics NONE = new ModelCallMetrics(Map.of(), Map.of());

    public ModelCallMetrics {
        roles = new TreeMap<>(Objects.requireNonNull(roles, "roles"));
        endpoints = new TreeMap<>(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /** Both processes' calls: per role and per endpoint, the stats of both added. */
    public ModelCallMetrics plus(ModelCallMetrics other) {
        Map<String, ModelCallStats> r = new TreeMap<>(roles);
        other.roles.forEach((role, stats) -> r.merge(role, stats, ModelCallStats::plus));
        Map<String, LimiterStats> e = new TreeMap<>(endpoints);
        other.endpoints.forEach((endpoint, stats) -> e.merge(endpoint, stats, LimiterStats::plus));
        return new ModelCallMetrics(r, e);
    }

    /** {@code metrics.model_calls}: per role, answered calls, retries, mean and p50/p90/p99/max latency. */
    public Map<String, Object> modelCalls() {
        Map<String, Object> out = new TreeMap<>();
        roles.forEach((role, stats) -> out.put(role, stats.metrics()));
        return out;
    }

    /** {@code metrics.rate_limits}: per endpoint, its limits and counters. */
    public Map<String, Object> rateLimits() {
        Map<String, Object> out = new TreeMap<>();
        endpoints.forEach((endpoint, stats) -> out.put(endpoint, stats.metrics()));
        return out;
    }
}
