package dev.trajforge.exporter.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a per-episode number (turns, tool calls, tokens) is distributed over the accepted and the rejected episodes, counted
 * while records stream. Values are kept exactly up to {@value #EXACT} and rounded to three significant digits above it, so
 * the table stays small (a few thousand keys) however many episodes go through; {@link #histogram} puts them into at most
 * {@code bins} equal-width bins from the smallest value to the largest. Distributions of disjoint sets of episodes
 * {@link #merge} into their union's exactly (values are rounded as they are added).
 */
final class Distribution implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long EXACT = 1_000;

    /** value -> {accepted, rejected} */
    private final Map<Long, long[]> counts = new TreeMap<>();

    void add(long value, Outcome outcome) {
        if (outcome == Outcome.INFRA_FAILED) return;
        counts.computeIfAbsent(round(value), v -> new long[2])[outcome == Outcome.ACCEPTED ? 0 : 1]++;
    }

    /** Adds the counts of another set of episodes. */
    void merge(Distribution other) {
        other.counts.forEach((value, c) -> {
            long[] mine = counts.computeIfAbsent(value, v -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** One bin: values in {@code [from, to]}, and how many accepted and rejected episodes had them. */
    record Bin(long from, long to, long accepted, long rejected) {
        String label() {
            return from == to ? Long.toString(from) : from + "–" + to;
        }
    }

    /** At most {@code bins} bins of equal width (whole numbers) covering every value seen; empty when nothing was added. */
    List<Bin> histogram(int bins) {
        if (counts.isEmpty()) return List.of();
        long min = ((TreeMap<Long, long[]>) counts).firstKey();
        long max = ((TreeMap<Long, long[]>) counts).lastKey();
        long width = Math.max(1, (max - min + bins) / bins);
        int n = (int) ((max - min) / width) + 1;
        long[][] tally = new long[n][2];
        counts.forEach((value, c) -> {
            int bin = (int) ((value - min) / width);
            tally[bin][0] += c[0];
            tally[bin][1] += c[1];
        });
        List<Bin> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Bin(min + i * width, min + (i + 1) * width - 1, tally[i][0], tally[i][1]));
        return out;
    }

    /** {@code value} itself up to {@link #EXACT}, else rounded to three significant digits. */
    static long round(long value) {
        if (value <= EXACT) return value;
        long scale = 1;
        while (value / scale >= 1_000) scale *= 10;
        return Math.round((double) value / scale) * scale;
    }
}
