package dev.trajforge.collector.config;

/**
 * When a run stops by itself (exit code 4, resumable by running the same command again): after
 * spending {@code maxCostUsd} in total, after {@code maxEpisodes} episodes in this invocation, or after
 * {@code maxWallSeconds} of this invocation. Null means no limit. Not part of the config fingerprint:
 * raising a budget never blocks a resume.
 */
public record Budget(Double maxCostUsd, Integer maxEpisodes, Integer maxWallSeconds) {
    public static final Budget NONE = new Budget(null, null, null);

    public Budget {
        if (maxCostUsd != null && !(maxCostUsd > 0)) throw new IllegalArgumentException("maxCostUsd: must be > 0, got " + maxCostUsd);
        if (maxEpisodes != null && maxEpisodes <= 0) throw new IllegalArgumentException("maxEpisodes: must be > 0, got " + maxEpisodes);
        if (maxWallSeconds != null && maxWallSeconds <= 0) throw new IllegalArgumentException("maxWallSeconds: must be > 0, got " + maxWallSeconds);
    }
}
