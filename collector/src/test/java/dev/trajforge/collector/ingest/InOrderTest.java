package dev.trajforge.collector.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Work done concurrently, handed on in the order it was submitted, never more than the window in flight. */
class InOrderTest {
    @Test
    void should_deliver_results_in_submission_order_however_long_each_piece_takes() {
        List<Integer> delivered = new ArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(7);
        try (InOrder<Integer> pipeline = new InOrder<>(4, delivered::add)) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                long sleep = random.nextInt(3);
                pipeline.submit(() -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    return n;
                });
            }
            pipeline.finish();
        }
        assertEquals(IntStream.range(0, 200).boxed().toList(), delivered);
        assertTrue(most.get() <= 4, "at most the window in flight, saw " + most.get());
    }

    @Test
    void should_pass_on_the_failure_of_a_piece_of_work() {
        try (InOrder<Integer> pipeline = new InOrder<>(2, n -> { })) {
            pipeline.submit(() -> 1);
            pipeline.submit(() -> {
                throw new IllegalStateException("session 2 broke");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, pipeline::finish);
            assertEquals("session 2 broke", e.getMessage());
        }
    }
}
