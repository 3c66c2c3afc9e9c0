package dev.trajforge.simenv;

import java.util.List;
import java.util.Objects;

/**
 * A generated task: the user scenario, the gold plan (one segment per user request, replayed to get
 * the target state), and the rubric for the LLM judge. Tasks are bound to the world they were
 * generated from ({@code worldSeed}).
 */
public record Task(String id, String domain, long worldSeed, UserScenario scenario,
                   List<GoldSegment> gold, List<Criterion> rubric) {
    public Task {
        Objects.requireNonNull(id, "task id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scenario, "scenario");
        gold = List.copyOf(gold);
        rubric = List.copyOf(rubric);
        if (gold.size() != scenario.requests().size()) {
            throw new IllegalArgumentException("task " + id + ": " + gold.size() + " gold segments for "
                    + scenario.requests().size() + " user requests");
        }
    }

    /** Intents in conversation order, e.g. {@code [cancel]} or {@code [return, modify_address]}. */
    public List<String> intents() {
        return gold.stream().map(GoldSegment::intent).toList();
    }

    public List<ToolCall> goldActions() {
        return gold.stream().flatMap(s -> s.actions().stream()).toList();
    }

    public List<String> requiredFacts() {
        return gold.stream().flatMap(s -> s.facts().stream()).toList();
    }
}
