package dev.trajforge.collector.limit;

/**
 * A token bucket refilled continuously at {@code perMinute / 60} tokens per second, holding at most
 * {@code capacity} tokens, handing out tokens by reservation: a caller takes its tokens at once (the
 * balance may go below zero, a debt later callers wait out) and is told how long to wait before it
 * may start. Reservations are granted in call order, so waiting callers never overtake each other.
 *
 * <p>Grant times conform to the bucket: in any interval of length {@code T}, the tokens granted
 * are at most {@code capacity + rate * T} (plus, for a single request larger than the capacity, its
 * excess, which the next callers then wait out). A request larger than the capacity waits for a
 * full bucket and then borrows the rest.
 *
 * <p>A bucket holds one token at its first use, not a full bucket, and starts refilling only then
 * (not while the run is still setting up): a restarted or resumed process, or a second worker, does
 * not burst a whole second's budget on top of what the endpoint already saw.
 *
 * <p>Thread-safe; never blocks (the caller sleeps, outside any lock).
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final LimiterClock clock;
    private double perNano;
    private double capacity;
    /** Tokens at {@link #stamp}; negative while reservations are waiting. */
    private double balance;
    /** The time {@link #balance} refers to: now, or the start of the latest reservation when that is later. */
    private long stamp;
    private boolean started;
    private long perMinute;

    TokenBucket(long perMinute, LimiterClock clock) {
        this.clock = clock;
        configure(perMinute);
    }

    /** The capacity for a per-minute budget: one second's worth, at least one token. */
    static double capacityFor(long perMinute) {
        return Math.max(1.0, perMinute / 60.0);
    }

    /**
     * Takes {@code tokens} and returns how many nanoseconds the caller must wait before starting
     * (0 when it may start now).
     */
    synchronized long reserve(double tokens) {
        if (tokens < 0) throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
        long now = clock.nanoTime();
        refill(now);
        double need = Math.min(tokens, capacity);
        long start = stamp;
        if (balance < need) {
            long waitNanos = (long) Math.ceil((need - balance) / perNano);
            start = stamp + waitNanos;
            balance = Math.min(capacity, balance + waitNanos * perNano);
        }
        balance -= tokens;
        stamp = start;
        return Math.max(0, start - now);
    }

    /** Gives back {@code tokens} (or takes more, when negative): a reservation settled at its actual size. */
    synchronized void adjust(double tokens) {
        refill(clock.nanoTime());
        balance = Math.min(capacity, balance + tokens);
    }

    /** Lowers the rate to {@code newPerMinute} if that is stricter; a higher rate is ignored. */
    synchronized void tighten(long newPerMinute) {
        if (newPerMinute >= perMinute) return;
        if (started) refill(clock.nanoTime());
        configure(newPerMinute);
        balance = Math.min(balance, capacity);
    }

    synchronized long perMinute() {
        return perMinute;
    }

    synchronized double capacity() {
        return capacity;
    }

    /** Tokens available now (negative: owed by waiting reservations). */
    synchronized double available() {
        refill(clock.nanoTime());
        return balance;
    }

    private void configure(long newPerMinute) {
        if (newPerMinute <= 0) throw new IllegalArgumentException("per-minute budget must be > 0, got " + newPerMinute);
        this.perMinute = newPerMinute;
        this.perNano = newPerMinute / 60.0 / NANOS_PER_SECOND;
        this.capacity = capacityFor(newPerMinute);
    }

    private void refill(long now) {
        if (!started) {
            started = true;
            stamp = now;
            balance = Math.min(1.0, capacity);
        } else if (now > stamp) {
            balance = Math.min(capacity, balance + (now - stamp) * perNano);
            stamp = now;
        }
    }
}
