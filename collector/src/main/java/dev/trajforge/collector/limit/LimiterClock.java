package dev.trajforge.collector.limit;

import java.util.concurrent.TimeUnit;

/**
 * The time source and the sleep of the rate limiters, injected so that tests of the buckets and of
 * adaptive concurrency run on a fake clock, deterministically and without sleeping.
 */
public interface LimiterClock {

    /** {@link System#nanoTime()} and a real, interruptible sleep (cheap on virtual threads). */
    LimiterClock SYSTEM = new LimiterClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Blocks for {@code nanos} (> 0); interruptible. */
    void sleepNanos(long nanos) throws InterruptedException;
}
