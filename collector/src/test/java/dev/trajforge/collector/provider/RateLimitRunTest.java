package dev.trajforge.collector.provider;

import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run against a loopback OpenAI-compatible server, counting when requests arrive. */
class RateLimitRunTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;

    /**
     * {@code requestsPerMinute: 600} refills 10 request tokens per second into a bucket of capacity
     * 10 (one second's worth). A token bucket lets at most capacity + rate x T requests start in any
     * interval of length T, so every sliding 1-second window may hold at most 10 + 10 = 20 requests:
     * the bound asserted, checked for a window starting at every arrival (the worst alignment always
     * starts at one). The bound is the one a full bucket allows; a bucket holds one token at its first
     * use (it does not fill while the run sets up), so in this saturated run the windows hold about
     * 10-11, and the margin absorbs the jitter between leaving the limiter and arriving at the server.
     * The whole run must also span at least (n - capacity) / rate seconds, which fails at once if the
     * limiter lets requests through unpaced (32-odd requests to an instant server take well under 1 s).
     */
    @Test
    void should_keep_every_sliding_one_second_window_within_the_requests_per_minute_budget() throws Exception {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> {
                arrivals.add(System.nanoTime());
                return LoopbackRuns.openAiAgent(request);
            });
            String yaml = """
                    runId: rate-limit
                    seed: 3
                    domain: retail
                    tasks: 8
                    trials: 1
                    concurrency: 4
                    keepRejected: true
                    output: %s
                    agent: {provider: openai, model: test-model, baseUrl: %s, requestsPerMinute: 600}
                    """.formatted(tmp.resolve("out"), server.baseUrl());
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, yaml), Map.of());
            assertEquals(8, report.export().episodes());
            assertEquals(0, report.export().infraFailed(), report.infraFailures().toString());
        }
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        int n = sorted.size();
        assertTrue(n >= 30, "about 4 agent calls per episode, got " + n);

        double ratePerSecond = 600 / 60.0;
        double capacity = Math.max(1, 600 / 60.0);
        int bound = (int) (ratePerSecond + capacity);
        int worst = 0;
        for (int i = 0, end = 0; i < n; i++) {
            while (end < n && sorted.get(end) <= sorted.get(i) + SECOND) end++;
            worst = Math.max(worst, end - i);
        }
        assertTrue(worst <= bound, "a 1-second window held " + worst + " requests, more than " + bound);
        double spanSeconds = (sorted.get(n - 1) - sorted.get(0)) / 1e9;
        assertTrue(spanSeconds >= (n - capacity) / ratePerSecond,
                n + " requests in " + spanSeconds + " s: faster than 600 per minute");
    }
}
