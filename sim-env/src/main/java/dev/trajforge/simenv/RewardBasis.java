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
    /** every assertion of the task holds on the final state (needs the world) */
    ASSERTIONS,
    /**
     * the gold plan's writes were made with its arguments and its hand-offs were made, in order (for
     * outcomes that leave no trace in the state, such as a transfer to a human; needs the world's tool kinds)
     */
    ACTIONS,
    /** every fact the task requires was told to the user */
    FACTS,
    /** every write the policy guards was confirmed by the user first (needs the world's tool kinds) */
    CONFIRMATION,
    /** the LLM rubric judge's score meets the threshold (when a judge is configured) */
    RUBRIC;

    /**
     * What a simulated task with a gold plan is judged on unless it says otherwise: every basis but
     * {@link #ACTIONS}, which a task names where its outcome leaves no trace in the state.
     */
    public static final Set<RewardBasis> ALL = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(RewardBasis.ACTIONS)));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether deciding this basis needs the world the episode ran in. */
    public boolean needsWorld() {
        return this == STATE || this == ASSERTIONS || this == ACTIONS || this == CONFIRMATION;
    }
}
