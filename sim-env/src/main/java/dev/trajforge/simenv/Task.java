package dev.trajforge.simenv;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A generated task: the user scenario, the gold plan (one segment per user request, replayed to get
 * the target state), the rubric for the LLM judge, expectations on the final state, and the task's
 * own reward basis (which checks decide it). Tasks are bound to the world they were generated from
 * ({@code worldSeed}). {@code goldStateHash} is the state hash the gold plan leads to when the generator
 * executed it on a fresh copy of the world (null: the judge replays the plan once to find it). A task with no
 * gold plan stands for an imported session: judged only on what needs neither a world nor a plan
 * (termination, tool use, rubric).
 */
public record Task(String id, String domain, long worldSeed, UserScenario scenario,
                   List<GoldSegment> gold, List<Criterion> rubric, Set<RewardBasis> rewardBasis, List<StateAssertion> assertions,
                   String goldStateHash) {
    public Task {
        Objects.requireNonNull(id, "task id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scenario, "scenario");
        gold = List.copyOf(gold);
        rubric = List.copyOf(rubric);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        if (rewardBasis == null || rewardBasis.isEmpty()) throw new IllegalArgumentException("task " + id + ": the reward basis names no check");
        java.util.EnumSet<RewardBasis> basis = java.util.EnumSet.copyOf(rewardBasis);
        if (assertions.isEmpty()) basis.remove(RewardBasis.ASSERTIONS); // with no assertion it decides nothing
        if (basis.isEmpty()) throw new IllegalArgumentException("task " + id + ": the reward basis names only assertions, and the task has none");
        rewardBasis = java.util.Collections.unmodifiableSet(basis);
        if (!gold.isEmpty() && gold.size() != scenario.requests().size()) { // no gold at all: an imported session, judged without one
            throw new IllegalArgumentException("task " + id + ": " + gold.size() + " gold segments for "
                    + scenario.requests().size() + " user requests");
        }
    }

    /** A task whose gold plan's final state is found by replaying it ({@code goldStateHash} null). */
    public Task(String id, String domain, long worldSeed, UserScenario scenario, List<GoldSegment> gold, List<Criterion> rubric,
                Set<RewardBasis> rewardBasis, List<StateAssertion> assertions) {
        this(id, domain, worldSeed, scenario, gold, rubric, rewardBasis, assertions, null);
    }

    /** A task with no assertions on its final state. */
    public Task(String id, String domain, long worldSeed, UserScenario scenario, List<GoldSegment> gold, List<Criterion> rubric,
                Set<RewardBasis> rewardBasis) {
        this(id, domain, worldSeed, scenario, gold, rubric, rewardBasis, List.of());
    }

    /** A task judged on every basis ({@link RewardBasis#ALL}). */
    public Task(String id, String domain, long worldSeed, UserScenario scenario, List<GoldSegment> gold, List<Criterion> rubric) {
        this(id, domain, worldSeed, scenario, gold, rubric, RewardBasis.ALL);
    }

    /** Intents in conversation order, e.g. {@code [cancel]} or {@code [return, modify_address]}. */
    public List<String> intents() {
        return gold.stream().map(GoldSegment::intent).toList();
    }

    /** Every step of the gold plan, in order. */
    public List<GoldStep> goldSteps() {
        return gold.stream().flatMap(s -> s.steps().stream()).toList();
    }

    public List<ToolCall> goldActions() {
        return gold.stream().flatMap(s -> s.actions().stream()).toList();
    }

    public List<String> requiredFacts() {
        return gold.stream().flatMap(s -> s.facts().stream()).toList();
    }
}
