package dev.trajforge.simenv;

import java.util.List;

/**
 * The gold plan for one user request: the steps a correct agent takes (reads and writes, in order;
 * see {@link GoldStep}) and the facts it must tell the user (e.g. a refund amount, exactly as the
 * tools show it).
 */
public record GoldSegment(String intent, List<GoldStep> steps, List<String> facts) {
    public GoldSegment {
        if (intent == null || intent.isBlank()) throw new IllegalArgumentException("segment intent is blank");
        steps = List.copyOf(steps);
        facts = List.copyOf(facts);
        if (steps.isEmpty() && facts.isEmpty()) {
            throw new IllegalArgumentException("segment " + intent + " has neither steps nor facts: a do-nothing agent would pass it");
        }
    }

    /** The calls of the plan, in order. */
    public List<ToolCall> actions() {
        return steps.stream().map(GoldStep::call).toList();
    }
}
