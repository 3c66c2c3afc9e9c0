package dev.trajforge.simenv.tools;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run's tool simulator did, for {@code manifest.json}: calls, those answered from the cache, those asked of
 * the simulator and how many of them were accepted at the first proposal, regenerations, refused proposals and
 * failed calls by cause. Thread-safe.
 */
public final class SimulatorStats {
    private final LongAdder calls = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder asked = new LongAdder();
    private final LongAdder firstTryValid = new LongAdder();
    private final LongAdder regenerations = new LongAdder();
    private final Map<ToolSimulationException.Cause, LongAdder> refused = adders();
    private final Map<ToolSimulationException.Cause, LongAdder> failures = adders();

    private static Map<ToolSimulationException.Cause, LongAdder> adders() {
        Map<ToolSimulationException.Cause, LongAdder> map = new EnumMap<>(ToolSimulationException.Cause.class);
        for (ToolSimulationException.Cause cause : ToolSimulationException.Cause.values()) map.put(cause, new LongAdder());
        return map;
    }

    void call() {
        calls.increment();
    }

    void cacheHit() {
        cacheHits.increment();
    }

    /** One call asked of the simulator ended: accepted after {@code proposals} proposals, or failed (then {@code failure} says why). */
    void asked(int proposals, boolean accepted, ToolSimulationException.Cause failure) {
        asked.increment();
        if (accepted && proposals == 1) firstTryValid.increment();
        regenerations.add(proposals - 1);
        if (failure != null) failures.get(failure).increment();
    }

    void refused(ToolSimulationException.Cause cause) {
        refused.get(cause).increment();
    }

    public long regenerations() {
        return regenerations.sum();
    }

    public long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    /** The figures as the manifest writes them. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        long askedCalls = asked.sum();
        metrics.put("simulated_calls", calls.sum());
        metrics.put("cache_hits", cacheHits.sum());
        metrics.put("asked", askedCalls);
        metrics.put("first_try_valid", firstTryValid.sum());
        metrics.put("first_try_valid_rate", askedCalls == 0 ? null : Math.round(1e4 * firstTryValid.sum() / askedCalls) / 1e4);
        metrics.put("regenerations", regenerations.sum());
        metrics.put("refused_proposals", byCause(refused));
        metrics.put("failures", byCause(failures));
        return metrics;
    }

    private static Map<String, Long> byCause(Map<ToolSimulationException.Cause, LongAdder> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((cause, count) -> out.put(cause.label(), count.sum()));
        return out;
    }
}
