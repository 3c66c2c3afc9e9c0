package dev.trajforge.collector.limit;

/** The calling thread was interrupted while it waited for a rate limit; its interrupt flag is set again. Not retried. */
public final class RateLimitInterruptedException extends RuntimeException {
    RateLimitInterruptedException(String endpoint, InterruptedException cause) {
        super("interrupted while waiting for the rate limits of " + endpoint, cause);
    }
}
