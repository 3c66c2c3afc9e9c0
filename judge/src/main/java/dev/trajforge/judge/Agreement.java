package dev.trajforge.judge;

import java.io.Serializable;

/**
 * How far the LLM judge agrees with the deterministic checks, as a 2x2 table of
 * (deterministic passed, judge passed) pairs and Cohen's kappa over it. Thread-safe: pairs arrive
 * from every episode's thread.
 */
public final class Agreement implements Serializable {
    private static final long serialVersionUID = 1L;
    // [deterministic passed ? 1 : 0][judge passed ? 1 : 0]
    private final long[][] table = new long[2][2];

    public synchronized void add(boolean deterministicPassed, boolean judgePassed) {
        table[deterministicPassed ? 1 : 0][judgePassed ? 1 : 0]++;
    }

    /** Adds another table's pairs (a Spark partition's) to this one. */
    public void merge(Agreement other) {
        long[][] theirs = new long[2][];
        synchronized (other) {
            for (int i = 0; i < 2; i++) theirs[i] = other.table[i].clone();
        }
        synchronized (this) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) table[i][j] += theirs[i][j];
            }
        }
    }

    public synchronized long pairs() {
        return table[0][0] + table[0][1] + table[1][0] + table[1][1];
    }

    /** Pairs with the given outcomes, e.g. {@code count(true, false)}: checks passed, judge failed. */
    public synchronized long count(boolean deterministicPassed, boolean judgePassed) {
        return table[deterministicPassed ? 1 : 0][judgePassed ? 1 : 0];
    }

    /**
     * Cohen's kappa, (p_o - p_e) / (1 - p_e); null when undefined: no pairs yet, or an expected
     * agreement of 1 (both raters gave one and the same answer every time).
     */
    public synchronized Double cohensKappa() {
        long n = pairs();
        if (n == 0) return null;
        long deterministicPass = table[1][0] + table[1][1];
        long judgePass = table[0][1] + table[1][1];
        // in counts, exactly: expected agreement is 1 only when both raters were constant and equal
        long expectedCount2 = deterministicPass * judgePass + (n - deterministicPass) * (n - judgePass);
        if (expectedCount2 == n * n) return null;
        double observed = (double) (table[0][0] + table[1][1]) / n;
        double expected = (double) expectedCount2 / ((double) n * n);
        return (observed - expected) / (1 - expected);
    }

    @Override
    public synchronized String toString() {
        return "Agreement[pairs=" + pairs() + ", both passed=" + table[1][1] + ", both failed=" + table[0][0]
                + ", only checks passed=" + table[1][0] + ", only judge passed=" + table[0][1] + ", kappa=" + cohensKappa() + "]";
    }
}
