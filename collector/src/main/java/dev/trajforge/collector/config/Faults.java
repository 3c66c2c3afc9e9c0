package dev.trajforge.collector.config;

import dev.trajforge.simenv.faults.FaultKind;
import dev.trajforge.simenv.faults.FaultPlan;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code faults:} block of a run config: controlled stochasticity in the tools.
 *
 * @param rates    tool name (or {@code "*"} for every tool) to fault kind ({@code transient}, {@code timeout},
 *                 {@code rate_limited}, {@code partial}, {@code stale}) to the probability of that fault on one call
 * @param recovery the probability that the scripted agent retries a call that failed on purpose (default 0.9)
 */
public record Faults(Map<String, Map<String, Double>> rates, Double recovery) {
    public Faults {
        rates = rates == null ? Map.of() : new TreeMap<>(rates);
        recovery = recovery == null ? 0.9 : recovery;
        if (!(recovery >= 0 && recovery <= 1)) throw new IllegalArgumentException("recovery: must be in [0, 1], got " + recovery);
        plan(rates); // refuses unknown kinds and rates out of range, naming the key
        rates = Map.copyOf(rates);
    }

    /** The environment's fault plan. */
    public FaultPlan plan() {
        return plan(rates);
    }

    private static FaultPlan plan(Map<String, Map<String, Double>> rates) {
        Map<String, Map<FaultKind, Double>> kinds = new TreeMap<>();
        rates.forEach((tool, byKind) -> {
            Map<FaultKind, Double> parsed = new EnumMap<>(FaultKind.class);
            (byKind == null ? Map.<String, Double>of() : byKind).forEach((kind, rate) -> {
                try {
                    parsed.put(FaultKind.fromWire(kind), rate);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rates." + tool + "." + kind + ": " + e.getMessage());
                }
            });
            kinds.put(tool, parsed);
        });
        try {
            return new FaultPlan(kinds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rates." + e.getMessage());
        }
    }
}
