package dev.trajforge.exporter;

import java.util.Arrays;

/**
 * The MinHash signatures of the kept episodes, banded for locality-sensitive lookup: a signature is cut
 * into {@code bands} bands of {@code rows} values; two signatures that agree on a whole band are
 * candidates, and a candidate is a near-duplicate when the signatures agree in at least the threshold
 * share of all positions.
 *
 * <p>The banding is chosen for the threshold: the most rows per band (fewest false candidates) such
 * that a pair exactly at the threshold still becomes a candidate with probability at least 0.99
 * ({@code 1 - (1 - t^rows)^bands}). For 128 permutations: threshold 0.9 uses 16 bands of 8 rows,
 * 0.95 uses 8 x 16, 0.8 uses 32 x 4, 0.5 uses 64 x 2.
 *
 * <p>Memory is bounded per kept episode and small: the low 16 bits of each of the 128 signature values
 * (256 bytes; "b-bit MinHash": two different minima agree on them by chance with probability 2^-16, a
 * negligible bias), and per band one chain link (an int) and a share of an open-addressing table of
 * 64-bit keys that is at most half full: about 0.7 to 1.1 KiB per kept episode at 16 bands, arrays
 * growing by doubling. Nothing of the episode itself is kept.
 */
final class LshIndex {
    private static final double CANDIDATE_PROBABILITY = 0.99;

    private final int bands;
    private final int rows;
    private final double threshold;

    /** kept episode k's 16-bit signature at [k * PERMUTATIONS, (k + 1) * PERMUTATIONS) */
    private short[] signatures = new short[MinHash.PERMUTATIONS * 64];
    private int size;
    /** per band entry e = k * bands + band: the next entry of its bucket plus one, 0 at the end */
    private int[] next = new int[64 * 16];
    /** open addressing: band key, and the first entry of its bucket plus one (0 = empty slot) */
    private final ChainHeads heads = new ChainHeads();

    LshIndex(double threshold) {
        if (!(threshold >= Dedup.MIN_THRESHOLD && threshold < 1.0)) {
            throw new IllegalArgumentException("near-duplicate threshold must be in [" + Dedup.MIN_THRESHOLD + ", 1), got " + threshold);
        }
        this.threshold = threshold;
        this.rows = rowsFor(threshold);
        this.bands = MinHash.PERMUTATIONS / rows;
    }

    int bands() {
        return bands;
    }

    int rows() {
        return rows;
    }

    int size() {
        return size;
    }

    /** The most rows per band (a power of two dividing 128) that still finds a pair at {@code threshold} with probability >= 0.99. */
    static int rowsFor(double threshold) {
        Banding last = lastBanding;
        if (last != null && last.threshold() == threshold) return last.rows(); // asked once per episode by NearSketch
        int rows = computeRowsFor(threshold);
        lastBanding = new Banding(threshold, rows);
        return rows;
    }

    private record Banding(double threshold, int rows) {
    }

    private static volatile Banding lastBanding;

    private static int computeRowsFor(double threshold) {
        for (int rows = MinHash.PERMUTATIONS / 8; rows > 1; rows /= 2) {
            int bands = MinHash.PERMUTATIONS / rows;
            if (1 - Math.pow(1 - Math.pow(threshold, rows), bands) >= CANDIDATE_PROBABILITY) {
                return rows;
            }
        }
        return 1;
    }

    /** Whether a kept signature agrees with {@code signature} in at least the threshold share of positions. */
    boolean hasNearDuplicate(long[] signature) {
        short[] low = low16(signature);
        for (int band = 0; band < bands; band++) {
            for (int entry = heads.get(bandKey(signature, band)) - 1; entry >= 0; entry = next[entry] - 1) {
                if (similarity(low, entry / bands) >= threshold) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds a kept episode's signature. */
    void add(long[] signature) {
        int k = size++;
        signatures = grow(signatures, size * MinHash.PERMUTATIONS);
        System.arraycopy(low16(signature), 0, signatures, k * MinHash.PERMUTATIONS, MinHash.PERMUTATIONS);
        next = grow(next, size * bands);
        for (int band = 0; band < bands; band++) {
            long key = bandKey(signature, band);
            int entry = k * bands + band;
            next[entry] = heads.get(key);
            heads.put(key, entry + 1);
        }
    }

    private double similarity(short[] low, int kept) {
        int offset = kept * MinHash.PERMUTATIONS;
        int equal = 0;
        for (int i = 0; i < MinHash.PERMUTATIONS; i++) {
            if (signatures[offset + i] == low[i]) {
                equal++;
            }
        }
        return equal / (double) MinHash.PERMUTATIONS;
    }

    /** The band's values and the band's index, hashed to 64 bits. */
    private long bandKey(long[] signature, int band) {
        return bandKey(signature, band, rows);
    }

    /** The band keys of a signature at {@code rows} rows per band, as the index computes them. */
    static long[] bandKeys(long[] signature, int rows) {
        long[] keys = new long[MinHash.PERMUTATIONS / rows];
        for (int band = 0; band < keys.length; band++) keys[band] = bandKey(signature, band, rows);
        return keys;
    }

    private static long bandKey(long[] signature, int band, int rows) {
        long h = MinHash.mix(band + 0x9e3779b97f4a7c15L);
        for (int i = band * rows; i < (band + 1) * rows; i++) {
            h = MinHash.mix(h ^ signature[i]) + 0x9e3779b97f4a7c15L;
        }
        return h;
    }

    private static short[] low16(long[] signature) {
        short[] low = new short[signature.length];
        for (int i = 0; i < signature.length; i++) {
            low[i] = (short) signature[i];
        }
        return low;
    }

    private static short[] grow(short[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }

    private static int[] grow(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
    }
}
