package dev.trajforge.simenv.faults;

import dev.trajforge.simenv.Seeds;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Which faults a run injects: per tool (or {@value #EVERY_TOOL} for every tool), the probability of each
 * {@link FaultKind} on one call; a tool named overrides the rates of {@value #EVERY_TOOL} kind by kind.
 * The draw for a call is seeded by the episode's seed and the call's step, so the same run injects the
 * same faults whatever the scheduling. {@link FaultKind#PARTIAL} and {@link FaultKind#STALE} apply to reads only.
 */
public record FaultPlan(Map<String, Map<FaultKind, Double>> rates) {
    public static final String EVERY_TOOL = "*";

    public FaultPlan {
        Map<String, Map<FaultKind, Double>> copy = new TreeMap<>();
        Objects.requireNonNull(rates, "rates").forEach((tool, kinds) -> {
            double sum = 0;
            for (Map.Entry<FaultKind, Double> kind : kinds.entrySet()) {
                double p = Objects.requireNonNull(kind.getValue(), "rate");
                if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(tool + "." + kind.getKey().wireName() + ": a rate must be in [0, 1], got " + p);
                sum += p;
            }
            if (sum > 1) throw new IllegalArgumentException(tool + ": the rates add up to " + sum + ", more than 1");
            copy.put(tool, Map.copyOf(new EnumMap<>(kinds)));
        });
        rates = Map.copyOf(copy);
    }

    /** The fault to inject into call {@code step} of an episode with {@code episodeSeed}, or null for none. */
    FaultKind draw(long episodeSeed, int step, String tool, boolean read) {
        Map<FaultKind, Double> kinds = new EnumMap<>(FaultKind.class);
        kinds.putAll(rates.getOrDefault(EVERY_TOOL, Map.of()));
        kinds.putAll(rates.getOrDefault(tool, Map.of()));
        if (kinds.isEmpty()) return null;
        SplittableRandom random = Seeds.random(episodeSeed, "fault", Integer.toString(step));
        double at = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<FaultKind, Double> kind : kinds.entrySet()) {
            if (!kind.getKey().refused() && !read) continue; // partial and stale are a read's
            cumulative += kind.getValue();
            if (at < cumulative) return kind.getKey();
        }
        return null;
    }
}
