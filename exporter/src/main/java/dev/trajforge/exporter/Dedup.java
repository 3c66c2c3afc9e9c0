package dev.trajforge.exporter;

/**
 * Which accepted episodes count as duplicates of an earlier one (see {@link Deduplicator}). A duplicate
 * is not written as accepted: it becomes a rejected record with the single reason {@link #REASON}, is
 * counted under {@code rejected.duplicate} in the manifest and, with keep-rejected, lands in the
 * {@code rejected} split. The first occurrence in write order wins, so the result is deterministic.
 *
 * @param exact         remove an episode whose messages and tools are canonically identical to a kept one
 * @param near          remove an episode whose MinHash estimate of Jaccard similarity to a kept one
 *                      (word shingles of the user turns plus the tool-call name sequence) is at least
 *                      {@code nearThreshold}
 * @param nearThreshold in [0.5, 1]; {@code near} must be false at 1.0 (1.0 means "disabled", as in the config)
 */
public record Dedup(boolean exact, boolean near, double nearThreshold) {
    /** The reject reason of a removed duplicate. */
    public static final String REASON = "duplicate";
    public static final double DEFAULT_THRESHOLD = 0.9;
    public static final double MIN_THRESHOLD = 0.5;

    /** Nothing removed: every accepted episode is written. */
    public static final Dedup OFF = new Dedup(false, false, DEFAULT_THRESHOLD);
    /** Exact and near-duplicates at Jaccard >= 0.9. */
    public static final Dedup DEFAULT = new Dedup(true, true, DEFAULT_THRESHOLD);

    public Dedup {
        if (!(nearThreshold >= MIN_THRESHOLD && nearThreshold <= 1.0)) {
            throw new IllegalArgumentException("nearThreshold must be in [" + MIN_THRESHOLD + ", 1], got " + nearThreshold);
        }
        if (near && nearThreshold == 1.0) {
            throw new IllegalArgumentException("a near-duplicate threshold of 1.0 disables near-dedup; set near to false");
        }
    }

    /** Exact dedup only. */
    public static Dedup exactOnly() {
        return new Dedup(true, false, DEFAULT_THRESHOLD);
    }

    /** Exact dedup, and near-dedup at {@code threshold} unless it is 1.0. */
    public static Dedup withThreshold(double threshold) {
        return new Dedup(true, threshold < 1.0, threshold);
    }

    public boolean enabled() {
        return exact || near;
    }
}
