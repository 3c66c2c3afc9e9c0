package dev.trajforge.exporter;

/**
 * RLE/bit-packs the repetition and definition levels of pages for the columns of one shard. The
 * columns keep their open page's levels as bytes (levels are small: at most {@link #MAX_LEVEL}), a
 * quarter of what ints take; each page's levels are widened into one int buffer the shard's columns
 * share (a shard is written by one thread) and encoded from there.
 */
final class LevelPacker {
    /** The largest level a column may have, so that its levels fit in a byte. */
    static final int MAX_LEVEL = Byte.MAX_VALUE;

    private int[] widened = new int[1024];

    /** Appends the RLE/bit-packed encoding of {@code levels[0..count)}, each below {@code 2^bitWidth}, to {@code out}. */
    void encode(byte[] levels, int count, int bitWidth, ByteSink out) {
        if (widened.length < count) {
            widened = new int[Math.max(count, 2 * widened.length)];
        }
        for (int i = 0; i < count; i++) {
            widened[i] = levels[i];
        }
        RleHybrid.encode(widened, count, bitWidth, out);
    }
}
