package dev.trajforge.simenv;

import java.util.List;

/**
 * The gold plan for one user request: the tool calls a correct agent makes (reads and writes, in
 * order) and the facts it must tell the user (e.g. a refund amount, exactly as the tools show it).
 */
public record GoldSegment(String intent, List<ToolCall> actions, List<String> facts) {
    public GoldSegment {
        if (intent == null || intent.isBlank()) throw new IllegalArgumentException("segment intent is blank");
        actions = List.copyOf(actions);
        facts = List.copyOf(facts);
        if (actions.isEmpty() && facts.isEmpty()) {
            throw new IllegalArgumentException("segment " + intent + " has neither actions nor facts: a do-nothing agent would pass it");
        }
    }
}
