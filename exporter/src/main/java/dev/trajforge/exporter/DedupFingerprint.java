package dev.trajforge.exporter;

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
}
