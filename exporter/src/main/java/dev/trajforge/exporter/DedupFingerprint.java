package dev.trajforge.exporter;

import dev.trajforge.simenv.Trajectory;

/**
 * What dedup needs to know of one accepted episode, computed ahead of {@link DatasetExport#write} where the
 * work can run in parallel ({@link DatasetExport#fingerprint}): the canonical SHA-256 of its messages and tools
 * (null without exact dedup) and its MinHash signature (null without near dedup, or with nothing to shingle).
 * Deciding whether it duplicates an earlier one still happens in write order.
 */
public record DedupFingerprint(byte[] sha256, long[] signature) {
    public DedupFingerprint {
        if (sha256 != null && sha256.length != 32) throw new IllegalArgumentException("a SHA-256 has 32 bytes, got " + sha256.length);
    }

    /** The size of the sparse vector space {@link #features} index into (MLlib's MinHashLSH takes sparse vectors). */
    public static final int FEATURE_SPACE = 1 << 30;

    /** The episode's fingerprint under these dedup settings, as the local exporter computes it. */
    public static DedupFingerprint of(Dedup settings, Trajectory trajectory) {
        return Deduplicator.fingerprint(settings, trajectory);
    }

    /** The episode's shingles as sorted, distinct indices below {@link #FEATURE_SPACE}: the same shingles the local MinHash uses. */
    public static int[] features(Trajectory trajectory) {
        return MinHash.shingles(trajectory).stream().mapToLong(MinHash::shingleHash)
                .mapToInt(h -> (int) Math.floorMod(h, (long) FEATURE_SPACE)).distinct().sorted().toArray();
    }

    /** What the local near-duplicate rule needs of this fingerprint's signature at {@code threshold}; null without one. */
    public NearSketch nearSketch(double threshold) {
        return signature == null ? null : NearSketch.of(signature, threshold);
    }
}
