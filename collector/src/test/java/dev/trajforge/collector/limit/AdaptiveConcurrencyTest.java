package dev.trajforge.collector.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.trajforge.collector.limit.FakeClock.MILLI;
import static dev.trajforge.collector.limit.FakeClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveConcurrencyTest {
    private final FakeClock clock = new FakeClock();

    private static void calls(AdaptiveConcurrency concurrency, int n, boolean rateLimited) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            concurrency.acquire();
            concurrency.release(rateLimited);
        }
    }

    @Test
    void should_start_at_the_cap() {
        assertEquals(16, new AdaptiveConcurrency(16, clock).limit());
    }

    @Test
    void should_halve_on_a_429_and_count_a_burst_of_429s_within_a_second_once() throws InterruptedException {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(16, clock);
        calls(concurrency, 1, true);
        assertEquals(8, concurrency.limit());
        clock.advance(300 * MILLI);
        calls(concurrency, 5, true);
        assertEquals(8, concurrency.limit(), "the rest of the burst, within a second of the first");
        clock.advance(700 * MILLI);
        calls(concurrency, 1, true);
        assertEquals(4, concurrency.limit(), "a second later, a new signal");
        AdaptiveConcurrency.Snapshot snapshot = concurrency.snapshot();
        assertEquals(7, snapshot.rateLimited());
        assertEquals(2, snapshot.decreases());
    }

    @Test
    void should_never_go_below_one() throws InterruptedException {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(4, clock);
        for (int i = 0; i < 5; i++) {
            calls(concurrency, 1, true);
            clock.advance(SECOND);
        }
        assertEquals(1, concurrency.limit());
    }

    @Test
    void should_grow_by_one_per_window_of_limit_successes_back_up_to_the_cap() throws InterruptedException {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8, clock);
        calls(concurrency, 1, true);
        assertEquals(4, concurrency.limit());
        calls(concurrency, 3, false);
        assertEquals(4, concurrency.limit(), "3 of a window of 4");
        calls(concurrency, 1, false);
        assertEquals(5, concurrency.limit());
        calls(concurrency, 5, false);
        assertEquals(6, concurrency.limit());
        calls(concurrency, 6 + 7, false);
        assertEquals(8, concurrency.limit());
        calls(concurrency, 100, false);
        assertEquals(8, concurrency.limit(), "never above the cap");
    }

    @Test
    void should_let_in_flight_calls_finish_but_admit_new_ones_only_below_a_lowered_limit() throws Exception {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(4, clock);
        for (int i = 0; i < 4; i++) concurrency.acquire();
        concurrency.release(true); // 3 in flight, limit 2
        CountDownLatch admitted = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                concurrency.acquire();
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertFalse(admitted.await(100, TimeUnit.MILLISECONDS), "3 in flight, limit 2");
        concurrency.release(false);
        assertFalse(admitted.await(100, TimeUnit.MILLISECONDS), "2 in flight, limit 2");
        concurrency.release(false);
        assertTrue(admitted.await(5, TimeUnit.SECONDS), "1 in flight, and the limit grew back to 3 after a window of 2 successes");
        waiter.join();
        assertEquals(1, concurrency.snapshot().waits());
    }

    @Test
    void should_tighten_the_cap_and_the_limit_but_never_loosen_them() {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(64, clock);
        concurrency.tighten(8);
        assertEquals(8, concurrency.limit());
        concurrency.tighten(32);
        assertEquals(8, concurrency.snapshot().cap());
    }
}
