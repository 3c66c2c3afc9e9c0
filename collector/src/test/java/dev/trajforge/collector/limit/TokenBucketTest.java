package dev.trajforge.collector.limit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.trajforge.collector.limit.FakeClock.MILLI;
import static dev.trajforge.collector.limit.FakeClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void should_hold_one_second_of_budget_and_at_least_one_token() {
        assertEquals(10.0, TokenBucket.capacityFor(600));
        assertEquals(1.0, TokenBucket.capacityFor(30));
        assertEquals(1.0, TokenBucket.capacityFor(1));
        assertEquals(1000.0, new TokenBucket(60_000, clock).capacity());
    }

    /** A bucket in use: its first reservation (of nothing) starts it. */
    private TokenBucket started(long perMinute) {
        TokenBucket bucket = new TokenBucket(perMinute, clock);
        assertEquals(0, bucket.reserve(0));
        return bucket;
    }

    @Test
    void should_start_with_one_token_at_first_use_so_that_a_restarted_process_does_not_burst() {
        TokenBucket bucket = new TokenBucket(600, clock);
        clock.advance(30 * SECOND); // the run sets up: the bucket does not fill meanwhile
        assertEquals(0, bucket.reserve(1));
        assertEquals(100 * MILLI, bucket.reserve(1), "10 per second: the next token in 100 ms");
    }

    @Test
    void should_refill_continuously_at_the_per_minute_rate_divided_by_60() {
        TokenBucket bucket = new TokenBucket(600, clock);
        bucket.reserve(1);
        clock.advance(250 * MILLI);
        assertEquals(2.5, bucket.available(), 1e-9);
        clock.advance(250 * MILLI);
        assertEquals(5.0, bucket.available(), 1e-9);
    }

    @Test
    void should_never_hold_more_than_its_capacity_however_long_it_idles() {
        TokenBucket bucket = started(600);
        clock.advance(3600 * SECOND);
        assertEquals(10.0, bucket.available(), 1e-9);
        for (int i = 0; i < 10; i++) assertEquals(0, bucket.reserve(1), "burst of the capacity, call " + i);
        assertEquals(100 * MILLI, bucket.reserve(1));
    }

    @Test
    void should_queue_reservations_in_call_order_each_one_refill_interval_after_the_last() {
        TokenBucket bucket = new TokenBucket(600, clock);
        bucket.reserve(1);
        assertEquals(100 * MILLI, bucket.reserve(1));
        assertEquals(200 * MILLI, bucket.reserve(1));
        assertEquals(300 * MILLI, bucket.reserve(1));
        clock.advance(150 * MILLI);
        assertEquals(250 * MILLI, bucket.reserve(1), "still behind the three reservations already made");
    }

    @Test
    void should_pace_a_slow_budget_below_one_token_per_second() {
        TokenBucket bucket = new TokenBucket(30, clock);
        assertEquals(0, bucket.reserve(1));
        assertEquals(2 * SECOND, bucket.reserve(1));
    }

    @Test
    void should_let_a_request_larger_than_the_capacity_wait_for_a_full_bucket_and_borrow_the_rest() {
        TokenBucket bucket = started(6000); // 100 tokens per second, capacity 100
        clock.advance(10 * SECOND);
        assertEquals(0, bucket.reserve(250), "a full bucket lets it go");
        assertEquals(-150.0, bucket.available(), 1e-9);
        assertEquals(2500 * MILLI, bucket.reserve(100), "the next one waits out the debt and its own tokens");
    }

    @Test
    void should_give_back_what_was_not_used_up_to_the_capacity_and_charge_what_was_used_beyond() {
        TokenBucket bucket = started(6000);
        clock.advance(10 * SECOND);
        bucket.reserve(100);
        bucket.adjust(60);
        assertEquals(60.0, bucket.available(), 1e-9);
        bucket.adjust(1000);
        assertEquals(100.0, bucket.available(), 1e-9, "never above the capacity");
        bucket.adjust(-150);
        assertEquals(-50.0, bucket.available(), 1e-9);
        assertEquals(1500 * MILLI, bucket.reserve(100));
    }

    @Test
    void should_only_ever_tighten_the_rate() {
        TokenBucket bucket = started(600);
        bucket.tighten(1200);
        assertEquals(600, bucket.perMinute());
        clock.advance(10 * SECOND);
        bucket.tighten(60);
        assertEquals(60, bucket.perMinute());
        assertEquals(1.0, bucket.available(), 1e-9, "the stored tokens shrink to the new capacity");
        bucket.reserve(1);
        assertEquals(SECOND, bucket.reserve(1));
    }

    @Test
    void should_reject_a_negative_reservation() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(600, clock).reserve(-1));
    }

    /**
     * Whatever the arrivals (bursts, idle gaps, steady streams), the grant times of a 600/min bucket
     * hold at most rate x 1 s + capacity = 10 + 10 = 20 requests in any closed 1-second window,
     * whatever the window's alignment; and after an idle period the bound is reached exactly.
     */
    @Test
    void should_grant_at_most_rate_plus_capacity_requests_in_every_sliding_one_second_window() {
        TokenBucket bucket = new TokenBucket(600, clock);
        SplittableRandom random = new SplittableRandom(7);
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int shape = random.nextInt(10);
            if (shape == 0) clock.advance(random.nextLong(3 * SECOND));        // idle: the bucket refills
            else if (shape < 4) clock.advance(random.nextLong(200 * MILLI));   // a trickle
            // else: arrives together with the previous caller (a burst)
            grants.add(clock.nanoTime() + bucket.reserve(1));
        }
        int worst = 0;
        for (int i = 0; i < grants.size(); i++) {
            int inWindow = 0;
            for (long grant : grants) if (grant >= grants.get(i) && grant <= grants.get(i) + SECOND) inWindow++;
            worst = Math.max(worst, inWindow);
        }
        assertTrue(worst <= 20, "worst 1-second window held " + worst + " grants");
        assertEquals(20, worst, "the bound is reached after an idle period: a full bucket, then one second of refill");
    }
}
