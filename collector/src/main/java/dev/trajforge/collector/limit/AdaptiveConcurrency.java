package dev.trajforge.collector.limit;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many calls may be in flight to one endpoint, adapted AIMD-style: the limit starts at its cap,
 * halves (never below 1) when the endpoint answers 429 — at most once per {@link #DECREASE_INTERVAL_NANOS},
 * so a burst of 429s from calls that were in flight together counts as one signal — and grows by 1
 * after each window of {@code limit} successful calls, back up to the cap.
 *
 * <p>A lowered limit lets the calls already in flight finish; new calls wait until fewer than the
 * limit are in flight. Waiting uses a {@link ReentrantLock} (virtual threads are not pinned) and is
 * interruptible.
 */
final class AdaptiveConcurrency {
    static final long DECREASE_INTERVAL_NANOS = 1_000_000_000L;

    private final LimiterClock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFree = lock.newCondition();
    private int cap;
    private int limit;
    private int inFlight;
    private int successesInWindow;
    private long lastDecrease;
    private boolean decreasedOnce;
    private long rateLimited;
    private long decreases;
    private long waits;

    AdaptiveConcurrency(int cap, LimiterClock clock) {
        if (cap < 1) throw new IllegalArgumentException("concurrency cap must be >= 1, got " + cap);
        this.cap = cap;
        this.limit = cap;
        this.clock = clock;
    }

    /** Takes a slot, waiting while the limit is reached; returns whether it had to wait. */
    boolean acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            boolean waited = false;
            while (inFlight >= limit) {
                if (!waited) waits++;
                waited = true;
                try {
                    slotFree.await();
                } catch (InterruptedException e) {
                    if (inFlight < limit) slotFree.signal(); // pass on a wake-up this thread may have taken
                    throw e;
                }
            }
            inFlight++;
            return waited;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot without a verdict on the endpoint (the call never reached it). */
    void release() {
        lock.lock();
        try {
            inFlight--;
            if (inFlight < limit) slotFree.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot after an answer; {@code rateLimitedAnswer} when it was a 429. */
    void release(boolean rateLimitedAnswer) {
        lock.lock();
        try {
            inFlight--;
            if (rateLimitedAnswer) onRateLimited();
            else onSuccess();
            if (inFlight < limit) slotFree.signal();
        } finally {
            lock.unlock();
        }
    }

    private void onRateLimited() {
        rateLimited++;
        long now = clock.nanoTime();
        if (decreasedOnce && now - lastDecrease < DECREASE_INTERVAL_NANOS) return;
        decreasedOnce = true;
        lastDecrease = now;
        decreases++;
        limit = Math.max(1, limit / 2);
        successesInWindow = 0;
    }

    private void onSuccess() {
        if (limit >= cap) return;
        if (++successesInWindow >= limit) {
            limit++;
            successesInWindow = 0;
            slotFree.signal(); // one more may start (the release signals another)
        }
    }

    /** Lowers the cap (and the limit with it) when {@code newCap} is stricter. */
    void tighten(int newCap) {
        lock.lock();
        try {
            if (newCap < 1) throw new IllegalArgumentException("concurrency cap must be >= 1, got " + newCap);
            if (newCap >= cap) return;
            cap = newCap;
            limit = Math.min(limit, cap);
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** A consistent reading of the counters. */
    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(cap, limit, inFlight, rateLimited, decreases, waits);
        } finally {
            lock.unlock();
        }
    }

    record Snapshot(int cap, int limit, int inFlight, long rateLimited, long decreases, long waits) {
    }
}
