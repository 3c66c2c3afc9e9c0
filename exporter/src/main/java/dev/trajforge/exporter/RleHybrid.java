package dev.trajforge.exporter;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned ints (repetition and definition levels,
 * dictionary ids): a run of at least 8 equal values becomes one RLE run, everything else bit-packed
 * groups of 8 values (at most 63 groups per header), the last group padded with zeros.
 */
final class RleHybrid {
    private static final int MIN_RUN = 8;
    private static final int MAX_GROUPS = 63;

    private RleHybrid() {
    }

    /** The bits needed for values up to {@code max} (0 for 0). */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    /** Appends the encoding of {@code values[0..count)}, each below {@code 2^bitWidth}, to {@code out}. */
    static void encode(int[] values, int count, int bitWidth, ByteSink out) {
        int i = 0;
        while (i < count) {
            int run = runLength(values, i, count);
            if (run >= MIN_RUN) {
                out.writeUnsignedVarInt(run << 1);
                out.writeLowBytesLE(values[i], (bitWidth + 7) / 8);
                i += run;
                continue;
            }
            int start = i;
            int groups = 0;
            do {
                i += MIN_RUN;
                groups++;
            } while (groups < MAX_GROUPS && i < count && runLength(values, i, count) < MIN_RUN);
            out.writeUnsignedVarInt(groups << 1 | 1);
            pack(values, start, Math.min(i, count), groups * MIN_RUN, bitWidth, out);
            i = Math.min(i, count);
        }
    }

    /** How many values from {@code from} on equal the one there. */
    private static int runLength(int[] values, int from, int count) {
        int value = values[from];
        int end = from + 1;
        while (end < count && values[end] == value) {
            end++;
        }
        return end - from;
    }

    /** {@code values[from..to)} then zeros up to {@code slots} values, {@code bitWidth} bits each, least significant bit first. */
    private static void pack(int[] values, int from, int to, int slots, int bitWidth, ByteSink out) {
        long buffer = 0;
        int bits = 0;
        for (int k = 0; k < slots; k++) {
            long value = from + k < to ? values[from + k] : 0;
            buffer |= value << bits;
            bits += bitWidth;
            while (bits >= 8) {
                out.writeByte((int) buffer);
                buffer >>>= 8;
                bits -= 8;
            }
        }
    }
}
