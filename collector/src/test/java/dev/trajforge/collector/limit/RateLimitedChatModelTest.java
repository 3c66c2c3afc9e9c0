package dev.trajforge.collector.limit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.trajforge.collector.limit.FakeClock.MILLI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitedChatModelTest {
    private static final ChatRequest HELLO = request("x".repeat(400));

    private static ChatRequest request(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    private static ChatResponse answer(Integer totalTokens) {
        ChatResponse.Builder builder = ChatResponse.builder().aiMessage(AiMessage.from("ok"));
        if (totalTokens != null) builder.tokenUsage(new TokenUsage(totalTokens, 0));
        return builder.build();
    }

    /** A model that answers with {@code reply}, counting calls in flight and the most ever in flight. */
    private static final class CountingModel implements ChatModel {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final Function<Integer, ChatResponse> reply;

        CountingModel(Function<Integer, ChatResponse> reply) {
            this.reply = reply;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                return reply.apply(calls.incrementAndGet());
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static EndpointLimiter limiter(RateLimits limits, LimiterClock clock) {
        return new EndpointLimiters(clock).forEndpoint("http://127.0.0.1:1/v1", "m", limits);
    }

    @Test
    void should_estimate_tokens_as_request_characters_over_4_plus_the_max_output_tokens() {
        RateLimitedChatModel model = new RateLimitedChatModel(new CountingModel(n -> answer(1)), limiter(RateLimits.NONE, new FakeClock()));
        assertEquals(100, model.estimateTokens(HELLO));
        ChatRequest withMax = ChatRequest.builder().messages(SystemMessage.from("s".repeat(40)), UserMessage.from("u".repeat(41)),
                AiMessage.from("a".repeat(19))).maxOutputTokens(500).build();
        assertEquals(25 + 500, model.estimateTokens(withMax), "(40 + 41 + 19) / 4 + 500");
    }

    @Test
    void should_settle_the_token_budget_with_the_usage_the_answer_reports() {
        FakeClock clock = new FakeClock();
        // 6,000 tokens per minute: 100 per second, capacity 100, starting with 1
        CountingModel delegate = new CountingModel(n -> answer(n == 1 ? 40 : 250));
        RateLimitedChatModel model = new RateLimitedChatModel(delegate, limiter(new RateLimits(null, 6000, null), clock));

        model.chat(HELLO); // estimate 100: waits 0.99 s for the bucket, then uses 40: 60 come back
        assertEquals(List.of(990 * MILLI), clock.sleeps);
        model.chat(HELLO); // 100 - 60 available: 0.4 s (not 1 s, as without the refund); then uses 250, 150 more than estimated
        assertEquals(List.of(990 * MILLI, 400 * MILLI), clock.sleeps);
        model.chat(HELLO); // a debt of 150, then its own 100: 2.5 s
        assertEquals(List.of(990 * MILLI, 400 * MILLI, 2500 * MILLI), clock.sleeps);
        assertEquals(40L + 250 + 250, model.limiter().metrics().get("settled_tokens"));
        assertEquals(300L, model.limiter().metrics().get("estimated_tokens"));
    }

    @Test
    void should_keep_the_estimate_when_the_answer_reports_no_usage() {
        FakeClock clock = new FakeClock();
        RateLimitedChatModel model = new RateLimitedChatModel(new CountingModel(n -> answer(null)), limiter(new RateLimits(null, 6000, null), clock));
        model.chat(HELLO);
        model.chat(HELLO);
        assertEquals(List.of(990 * MILLI, 1000 * MILLI), clock.sleeps);
    }

    @Test
    void should_pace_requests_at_the_per_minute_rate() {
        FakeClock clock = new FakeClock();
        RateLimitedChatModel model = new RateLimitedChatModel(new CountingModel(n -> answer(1)), limiter(new RateLimits(120, null, null), clock));
        for (int i = 0; i < 5; i++) model.chat(HELLO);
        assertEquals(List.of(500 * MILLI, 500 * MILLI, 500 * MILLI, 500 * MILLI), clock.sleeps);
        assertEquals(4L, model.limiter().metrics().get("waits"));
        assertEquals(2000L, model.limiter().metrics().get("wait_ms"));
    }

    @Test
    void should_never_have_more_calls_in_flight_than_max_concurrency() throws Exception {
        CountingModel delegate = new CountingModel(n -> {
            sleepQuietly(2);
            return answer(1);
        });
        RateLimitedChatModel model = new RateLimitedChatModel(delegate, limiter(new RateLimits(null, null, 5), LimiterClock.SYSTEM));
        runConcurrently(300, () -> model.chat(HELLO));
        assertEquals(300, delegate.calls.get());
        assertEquals(5, delegate.maxInFlight.get(), "reached, never passed");
        assertEquals(0, model.limiter().metrics().get("in_flight"));
    }

    @Test
    void should_admit_new_calls_only_under_the_current_limit_after_429s_and_grow_back() throws Exception {
        EndpointLimiter limiter = limiter(new RateLimits(null, null, 16), LimiterClock.SYSTEM);
        CountDownLatch allIn = new CountDownLatch(16);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger phase = new AtomicInteger(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ChatModel endpoint = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                int now = inFlight.incrementAndGet();
                try {
                    if (phase.get() == 1) { // 16 calls in flight together, all answered 429
                        allIn.countDown();
                        awaitQuietly(release);
                        throw new RateLimitException("slow down", new HttpException(429, "{\"error\":\"rate limited\"}"));
                    }
                    int limit = limiter.concurrencyLimit(); // only grows in phase 2
                    if (now > limit) violations.add(now + " in flight, limit " + limit);
                    maxInFlight.accumulateAndGet(now, Math::max);
                    sleepQuietly(1);
                    return answer(1);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
        RateLimitedChatModel model = new RateLimitedChatModel(endpoint, limiter);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> burst = new ArrayList<>();
            for (int i = 0; i < 16; i++) burst.add(executor.submit(() -> assertThrows(RateLimitException.class, () -> model.chat(HELLO))));
            assertTrue(allIn.await(10, TimeUnit.SECONDS));
            release.countDown();
            for (Future<?> f : burst) f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(8, limiter.concurrencyLimit(), "16 simultaneous 429s halve the limit once");
        assertEquals(16L, limiter.metrics().get("rate_limited_429"));
        assertEquals(1L, limiter.metrics().get("concurrency_decreases"));

        phase.set(2);
        runConcurrently(400, () -> model.chat(HELLO));
        assertTrue(violations.isEmpty(), String.join("; ", violations));
        assertTrue(maxInFlight.get() > 8, "the limit grew back: " + maxInFlight.get());
        assertEquals(16, limiter.concurrencyLimit(), "8 + 9 + ... + 15 = 92 successes bring it back to 16");
    }

    @Test
    void should_stop_waiting_when_interrupted_and_give_the_slot_back() throws Exception {
        RateLimitedChatModel model = new RateLimitedChatModel(new CountingModel(n -> answer(1)), limiter(new RateLimits(1, null, 1), LimiterClock.SYSTEM));
        model.chat(HELLO); // the one token of the first minute
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagSet = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.chat(HELLO);
            } catch (Throwable t) {
                thrown.set(t);
                flagSet.set(Thread.currentThread().isInterrupted());
            }
        });
        Thread.sleep(100);
        caller.interrupt();
        caller.join(5_000);
        assertFalse(caller.isAlive());
        assertInstanceOf(RateLimitInterruptedException.class, thrown.get());
        assertTrue(flagSet.get(), "the interrupt flag is set again");
        assertEquals(0, model.limiter().metrics().get("in_flight"));
    }

    @Test
    void should_recognise_a_429_however_the_client_wraps_it() {
        assertTrue(RateLimitedChatModel.isRateLimited(new HttpException(429, "x")));
        assertTrue(RateLimitedChatModel.isRateLimited(new RateLimitException("x")));
        assertTrue(RateLimitedChatModel.isRateLimited(new RuntimeException(new HttpException(429, "x"))));
        assertFalse(RateLimitedChatModel.isRateLimited(new HttpException(500, "x")));
        assertFalse(RateLimitedChatModel.isRateLimited(new IllegalStateException("x")));
    }

    private static void runConcurrently(int n, Runnable call) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) futures.add(executor.submit(call));
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
