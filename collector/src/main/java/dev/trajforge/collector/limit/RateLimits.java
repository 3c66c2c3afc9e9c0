package dev.trajforge.collector.limit;

/**
 * The limits configured for one model endpoint; a null component means "not limited" (for
 * {@code maxConcurrency}: the default cap, {@link #DEFAULT_MAX_CONCURRENCY}).
 *
 * @param requestsPerMinute requests started per minute, > 0
 * @param tokensPerMinute   estimated tokens (prompt + completion) per minute, > 0
 * @param maxConcurrency    requests in flight at once, > 0; the ceiling of the adaptive limit
 */
public record RateLimits(Integer requestsPerMinute, Integer tokensPerMinute, Integer maxConcurrency) {

    /** The ceiling of an endpoint's adaptive concurrency when {@code maxConcurrency} is not set. */
    public static final int DEFAULT_MAX_CONCURRENCY = 64;

    public static final RateLimits NONE = new RateLimits(null, null, null);

    public RateLimits {
        requirePositive("requestsPerMinute", requestsPerMinute);
        requirePositive("tokensPerMinute", tokensPerMinute);
        requirePositive("maxConcurrency", maxConcurrency);
    }

    /** The strictest of both, component by component (a set limit beats an unset one). */
    public RateLimits strictest(RateLimits other) {
        return new RateLimits(min(requestsPerMinute, other.requestsPerMinute), min(tokensPerMinute, other.tokensPerMinute),
                min(maxConcurrency, other.maxConcurrency));
    }

    /** {@code maxConcurrency}, or the default cap when unset. */
    public int concurrencyCap() {
        return maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
    }

    private static Integer min(Integer a, Integer b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.min(a, b);
    }

    private static void requirePositive(String key, Integer value) {
        if (value != null && value <= 0) throw new IllegalArgumentException(key + ": must be > 0, got " + value);
    }
}
