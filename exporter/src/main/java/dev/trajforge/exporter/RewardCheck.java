package dev.trajforge.exporter;

import java.util.Objects;

/**
 * One entry of a row's {@code reward_checks}: a check the episode was judged by, whether it passed, and
 * its score in [0,1]. A deterministic check scores 1.0 or 0.0 ({@link #deterministic}); the LLM rubric
 * judge is the entry {@value #RUBRIC_JUDGE} with its weighted score, passed when the score met the
 * run's threshold.
 */
public record RewardCheck(String name, boolean passed, double score) {
    /** The name of the LLM rubric judge's entry. */
    public static final String RUBRIC_JUDGE = "rubric_judge";

    public RewardCheck {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("reward check name is blank");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("reward check " + name + ": score must be in [0,1], got " + score);
        }
    }

    /** A pass/fail check: score 1.0 when it passed, else 0.0. */
    public static RewardCheck deterministic(String name, boolean passed) {
        return new RewardCheck(name, passed, passed ? 1.0 : 0.0);
    }

    /** The rubric judge's entry: {@code score}, passed when it is at least {@code threshold}. */
    public static RewardCheck rubricJudge(double score, double threshold) {
        return new RewardCheck(RUBRIC_JUDGE, score >= threshold, score);
    }
}
