package dev.trajforge.simenv;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What decides whether a task is solved, as tau2-bench's {@code reward_basis}: each task names its
 * own. An episode that ended abnormally (max turns, too many tool errors) is never solved, whatever
 * the basis.
 */
public enum RewardBasis {
    /** the final state equals the gold plan's (needs the world) */
    STATE,
    /** every fact the task requires was told to the user */
    FACTS,
    /** every write the policy guards was confirmed by the user first (needs the world's tool kinds) */
    CONFIRMATION,
    /** the LLM rubric judge's score meets the threshold (when a judge is configured) */
    RUBRIC,
    /**
     * the agent handed the conversation to a human when, and only when, the gold plan does (needs the
     * world's tool kinds); for tasks whose right outcome is a hand-off, which leaves the state unchanged
     */
    HANDOFF;

    /** Every basis: what a simulated task with a gold plan is judged on unless it says otherwise. */
    public static final Set<RewardBasis> ALL = Collections.unmodifiableSet(EnumSet.allOf(RewardBasis.class));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether deciding this basis needs the world the episode ran in. */
    public boolean needsWorld() {
        return this == STATE || this == CONFIRMATION || this == HANDOFF;
    }
}
