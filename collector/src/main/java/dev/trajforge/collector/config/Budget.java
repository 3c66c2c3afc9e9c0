package dev.trajforge.collector.config;

/**
 * When a run stops by itself (exit code 4, resumable by running the same command again): after
 * spending {@code maxCostUsd} in total, after {@code maxEpisodes} episodes in this invocation, or after
 * {@code maxWallSeconds} of this invocation. Null means no limit. And when a finished run refuses to
 * commit (exit code 7): more than {@code maxInfraFailureShare} of its episodes failed for
 * infrastructure reasons (default {@value #DEFAULT_MAX_INFRA_FAILURE_SHARE}; 1.0 commits whatever
 * failed). Not part of the config fingerprint: changing a budget never blocks a resume.
 */
public record Budget(Double maxCostUsd, Integer maxEpisodes, Integer maxWallSeconds, Double maxInfraFailureShare) {
    public static final double DEFAULT_MAX_INFRA_FAILURE_SHARE = 0.2;
    public static final Budget NONE = new Budget(null, null, null, null);

    public Budget {
        if (maxCostUsd != null && !(maxCostUsd > 0)) throw new IllegalArgumentException("maxCostUsd: must be > 0, got " + maxCostUsd);
        if (maxEpisodes != null && maxEpisodes <= 0) throw new IllegalArgumentException("maxEpisodes: must be > 0, got " + maxEpisodes);
        if (maxWallSeconds != null && maxWallSeconds <= 0) throw new IllegalArgumentException("maxWallSeconds: must be > 0, got " + maxWallSeconds);
        if (maxInfraFailureShare == null) maxInfraFailureShare = DEFAULT_MAX_INFRA_FAILURE_SHARE;
        if (!(maxInfraFailureShare >= 0 && maxInfraFailureShare <= 1)) {
            throw new IllegalArgumentException("maxInfraFailureShare: must be in [0, 1], got " + maxInfraFailureShare);
        }
    }

    public Budget(Double maxCostUsd, Integer maxEpisodes, Integer maxWallSeconds) {
        this(maxCostUsd, maxEpisodes, maxWallSeconds, null);
    }
}
