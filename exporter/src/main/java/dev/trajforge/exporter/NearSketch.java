package dev.trajforge.exporter;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the local near-duplicate rule reads of a MinHash signature, in a few hundred bytes: the signature's
 * LSH band keys at a threshold's banding, and the low 16 bits of each of its values. Another process (a Spark
 * stage) can store and ship it instead of the signature and still decide exactly as {@link LshIndex} does:
 * {@code later} is a near duplicate of {@code kept} when they share a band and agree in at least the
 * threshold share of the low bits.
 */
public record NearSketch(long[] bandKeys, short[] low16) implements Serializable {
    public NearSketch {
        if (bandKeys.length < 1 || MinHash.PERMUTATIONS % bandKeys.length != 0) {
            throw new IllegalArgumentException("band keys must divide " + MinHash.PERMUTATIONS + " positions, got " + bandKeys.length);
        }
        if (low16.length != MinHash.PERMUTATIONS) {
            throw new IllegalArgumentException("a sketch has " + MinHash.PERMUTATIONS + " low-bit values, got " + low16.length);
        }
    }

    /** The number of LSH bands the local exporter cuts a signature into at {@code threshold}. */
    public static int bands(double threshold) {
        return MinHash.PERMUTATIONS / LshIndex.rowsFor(threshold);
    }

    /** The sketch of a signature for the banding the local exporter uses at {@code threshold}. */
    public static NearSketch of(long[] signature, double threshold) {
        if (signature.length != MinHash.PERMUTATIONS) {
            throw new IllegalArgumentException("a MinHash signature has " + MinHash.PERMUTATIONS + " values, got " + signature.length);
        }
        short[] low = new short[signature.length];
        for (int i = 0; i < low.length; i++) low[i] = (short) signature[i];
        return new NearSketch(LshIndex.bandKeys(signature, LshIndex.rowsFor(threshold)), low);
    }

    /** Whether this (later) episode is a near duplicate of {@code kept} by the local rule at {@code threshold}. */
    public boolean nearDuplicateOf(NearSketch kept, double threshold) {
        if (kept.bandKeys.length != bandKeys.length) throw new IllegalArgumentException("sketches of different banding");
        boolean candidate = false;
        for (int band = 0; band < bandKeys.length && !candidate; band++) candidate = bandKeys[band] == kept.bandKeys[band];
        if (!candidate) return false;
        int equal = 0;
        for (int i = 0; i < low16.length; i++) {
            if (low16[i] == kept.low16[i]) equal++;
        }
        return equal / (double) low16.length >= threshold;
    }

    /** The sketch as bytes: the band count, the band keys, the low bits (big-endian). */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 * bandKeys.length + 2 * low16.length);
        out.put((byte) bandKeys.length);
        for (long key : bandKeys) out.putLong(key);
        for (short low : low16) out.putShort(low);
        return out.array();
    }

    public static NearSketch fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int bands = Byte.toUnsignedInt(in.get());
        if (bytes.length != 1 + 8 * bands + 2 * MinHash.PERMUTATIONS) {
            throw new IllegalArgumentException("not a sketch: " + bytes.length + " bytes for " + bands + " bands");
        }
        long[] keys = new long[bands];
        for (int i = 0; i < bands; i++) keys[i] = in.getLong();
        short[] low = new short[MinHash.PERMUTATIONS];
        for (int i = 0; i < low.length; i++) low[i] = in.getShort();
        return new NearSketch(keys, low);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NearSketch s && Arrays.equals(bandKeys, s.bandKeys) && Arrays.equals(low16, s.low16);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bandKeys) + Arrays.hashCode(low16);
    }

    @Override
    public String toString() {
        return "NearSketch[" + bandKeys.length + " bands]";
    }
}
