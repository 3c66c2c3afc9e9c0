package dev.trajforge.collector.limit;

import java.util.ArrayList;
import java.util.List;

/** A limiter clock that only moves when told to, or when someone sleeps on it (single-threaded tests). */
final class FakeClock implements LimiterClock {
    static final long SECOND = 1_000_000_000L;
    static final long MILLI = 1_000_000L;

    private long now = 1_000 * SECOND; // arbitrary, not zero: nothing may assume time starts at 0
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }
}
