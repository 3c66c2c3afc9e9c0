package dev.trajforge.collector.limit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every limit of one model endpoint (base URL + model), shared by all roles that call it: a
 * concurrency slot under the adaptive (AIMD) limit, an estimated token budget from the tokens/minute
 * bucket, and a request token from the requests/minute bucket, taken in that order. The request
 * token comes last, right before the call goes out, so that a wait for a slot or for tokens cannot
 * bunch up requests that were paced earlier.
 *
 * <p>Thread-safe; waiting is blocking and interruptible.
 */
public final class EndpointLimiter {
    private final String endpoint;
    private final LimiterClock clock;
    private final AdaptiveConcurrency concurrency;
    private volatile RateLimits limits;
    private volatile TokenBucket requests;
    private volatile TokenBucket tokens;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong estimatedTokens = new AtomicLong();
    private final AtomicLong settledTokens = new AtomicLong();

    EndpointLimiter(String endpoint, RateLimits limits, LimiterClock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.limits = limits;
        this.concurrency = new AdaptiveConcurrency(limits.concurrencyCap(), clock);
        if (limits.requestsPerMinute() != null) requests = new TokenBucket(limits.requestsPerMinute(), clock);
        if (limits.tokensPerMinute() != null) tokens = new TokenBucket(limits.tokensPerMinute(), clock);
    }

    /** {@code model@baseUrl}, as the registry keys it. */
    public String endpoint() {
        return endpoint;
    }

    /** The limits in force: the strictest configured by any role calling this endpoint. */
    public RateLimits limits() {
        return limits;
    }

    /** Applies another role's limits where they are stricter. */
    synchronized void tighten(RateLimits more) {
        RateLimits merged = limits.strictest(more);
        if (merged.requestsPerMinute() != null) {
            if (requests == null) requests = new TokenBucket(merged.requestsPerMinute(), clock);
            else requests.tighten(merged.requestsPerMinute());
        }
        if (merged.tokensPerMinute() != null) {
            if (tokens == null) tokens = new TokenBucket(merged.tokensPerMinute(), clock);
            else tokens.tighten(merged.tokensPerMinute());
        }
        concurrency.tighten(merged.concurrencyCap());
        limits = merged;
    }

    /**
     * Waits for a concurrency slot, {@code estimatedTokens} of the token budget and a request token.
     * The caller must settle the permit exactly once.
     */
    public Permit acquire(long estimatedTokens) throws InterruptedException {
        long started = clock.nanoTime();
        boolean waited = concurrency.acquire();
        try {
            TokenBucket tokenBucket = tokens;
            if (tokenBucket != null) waited |= sleep(tokenBucket.reserve(estimatedTokens));
            TokenBucket requestBucket = requests;
            if (requestBucket != null) waited |= sleep(requestBucket.reserve(1));
        } catch (InterruptedException | RuntimeException e) {
            concurrency.release();
            throw e;
        }
        calls.incrementAndGet();
        if (waited) {
            waits.incrementAndGet();
            waitNanos.addAndGet(clock.nanoTime() - started);
        }
        this.estimatedTokens.addAndGet(estimatedTokens);
        return new Permit(estimatedTokens, tokens);
    }

    private boolean sleep(long nanos) throws InterruptedException {
        if (nanos <= 0) return false;
        clock.sleepNanos(nanos);
        return true;
    }

    /** The current adaptive concurrency limit. */
    public int concurrencyLimit() {
        return concurrency.limit();
    }

    /**
     * Read-only statistics for run metrics: configured limits, the current adaptive concurrency
     * limit, calls in flight, calls let through, 429s seen, times the limit was halved, calls that
     * had to wait and the total time they waited, and estimated vs settled tokens.
     */
    public Map<String, Object> metrics() {
        return stats().metrics();
    }

    /** The same statistics as values, which add up with another process's ({@link LimiterStats#plus}). */
    public LimiterStats stats() {
        AdaptiveConcurrency.Snapshot snapshot = concurrency.snapshot();
        RateLimits current = limits;
        return new LimiterStats(current.requestsPerMinute(), current.tokensPerMinute(), snapshot.cap(), snapshot.limit(), snapshot.inFlight(),
                calls.get(), snapshot.rateLimited(), snapshot.decreases(), waits.get(), waitNanos.get(), estimatedTokens.get(), settledTokens.get());
    }

    /** One admitted call. Settle it once: {@link #answered} or {@link #failed}. */
    public final class Permit {
        private final long estimate;
        private final TokenBucket tokenBucket;
        private boolean settled;

        private Permit(long estimate, TokenBucket tokenBucket) {
            this.estimate = estimate;
            this.tokenBucket = tokenBucket;
        }

        /**
         * The endpoint answered; {@code actualTokens} (prompt + completion) replaces the estimate in the
         * token budget, or the estimate stands when the answer reported no usage (null).
         */
        public void answered(Integer actualTokens) {
            settle();
            long actual = actualTokens == null ? estimate : actualTokens;
            if (tokenBucket != null && actual != estimate) tokenBucket.adjust(estimate - actual);
            settledTokens.addAndGet(actual);
            concurrency.release(false);
        }

        /**
         * The call failed; {@code rateLimited} when the endpoint answered 429 (the adaptive limit backs
         * off). The estimated tokens stay spent: a timed-out request may well have used them.
         */
        public void failed(boolean rateLimited) {
            settle();
            settledTokens.addAndGet(estimate);
            if (rateLimited) concurrency.release(true);
            else concurrency.release();
        }

        private void settle() {
            if (settled) throw new IllegalStateException("permit for " + endpoint + " already settled");
            settled = true;
        }
    }
}
