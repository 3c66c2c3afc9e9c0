package dev.trajforge.collector.config;

/**
 * How the LLM rubric judge (the {@code judge} model) decides, when one is configured.
 *
 * @param threshold     minimum rubric score in [0, 1] for a trajectory that passed every deterministic check to be kept
 * @param votes         ensemble size: the judge model is asked this many times with different seeds, majority vote per criterion
 * @param auditFraction share of deterministically rejected trajectories also judged (never changing their verdict), so
 *                      the manifest can report the judge's agreement with the checks (Cohen's kappa)
 */
public record Judging(double threshold, int votes, double auditFraction) {
    public static final Judging DEFAULT = new Judging(0.8, 1, 0.1);

    /** From a config file: a key left out takes its default ({@link #DEFAULT}). */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Judging of(@com.fasterxml.jackson.annotation.JsonProperty("threshold") Double threshold,
                      @com.fasterxml.jackson.annotation.JsonProperty("votes") Integer votes,
                      @com.fasterxml.jackson.annotation.JsonProperty("auditFraction") Double auditFraction) {
        return new Judging(threshold == null ? DEFAULT.threshold : threshold, votes == null ? DEFAULT.votes : votes,
                auditFraction == null ? DEFAULT.auditFraction : auditFraction);
    }

    public Judging {
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold: must be in [0, 1], got " + threshold);
        if (votes < 1 || votes > 9) throw new IllegalArgumentException("votes: must be in [1, 9], got " + votes);
        if (!(auditFraction >= 0 && auditFraction <= 1)) throw new IllegalArgumentException("auditFraction: must be in [0, 1], got " + auditFraction);
    }
}
