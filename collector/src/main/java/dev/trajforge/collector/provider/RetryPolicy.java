package dev.trajforge.collector.provider;

import java.time.Duration;

/** How transient model failures are retried: exponential backoff with full jitter, bounded by attempts and a deadline. */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration deadline) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(3));

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }

    /** Backoff before retry number {@code retry} (1-based), jittered by {@code unit} in [0, 1). */
    Duration backoff(int retry, double unit) {
        double cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * Math.pow(2, retry - 1));
        return Duration.ofMillis((long) (cap * (0.5 + 0.5 * unit)));
    }
}
