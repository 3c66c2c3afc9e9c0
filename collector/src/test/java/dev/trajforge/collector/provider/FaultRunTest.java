package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run against a loopback OpenAI-compatible server that fails one call in five. */
class FaultRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * Every 5th request (by arrival) fails, in turn: 429 with {@code Retry-After: 0}, 500, and an
     * answer 1.5 s late against the model's 1 s timeout. Otherwise the server is the scripted agent of
     * {@link LoopbackRuns#openAiAgent}.
     */
    @Test
    void should_finish_a_run_whose_endpoint_fails_20_percent_of_calls_with_every_episode_exported_or_infra_failed() throws Exception {
        AtomicInteger injected = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> {
                int n = request.index() + 1;
                if (n % 5 != 0) return LoopbackRuns.openAiAgent(request);
                injected.incrementAndGet();
                return switch ((n / 5) % 3) {
                    case 1 -> OpenAiReply.error(429, "slow down", "rate_limit_error", "rate_limit_exceeded", "Retry-After: 0");
                    case 2 -> OpenAiReply.error(500, "upstream crashed", "server_error", null);
                    default -> {
                        timeouts.incrementAndGet();
                        yield Reply.delay(Duration.ofMillis(1500), LoopbackRuns.openAiAgent(request));
                    }
                };
            });
            String yaml = """
                    runId: faults
                    seed: 5
                    domain: retail
                    tasks: 20
                    trials: 1
                    concurrency: 4
                    keepRejected: true
                    output: %s
                    agent: {provider: openai, model: test-model, baseUrl: %s, timeoutSeconds: 1, maxConcurrency: 4}
                    """.formatted(tmp.resolve("out"), server.baseUrl());
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, yaml), Map.of());
            assertEquals(20, report.export().episodes());
        }
        assertTrue(injected.get() >= 3 && timeouts.get() >= 1, "each kind of failure happened: " + injected + " failures, " + timeouts + " timeouts");

        JsonNode manifest = JSON.readTree(tmp.resolve("out/manifest.json").toFile());
        long episodes = manifest.get("episodes").asLong();
        long accepted = manifest.get("accepted").asLong();
        long rejected = 0;
        for (JsonNode count : manifest.get("rejected")) rejected += count.asLong();
        long infraFailed = manifest.get("infra_failed").asLong();
        assertEquals(20, episodes);
        assertEquals(episodes, accepted + rejected + infraFailed, manifest.toString());
        assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));

        // every episode that is not infra_failed is a row (keepRejected: the rejected split too), each once
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT id) FROM read_parquet('"
                     + tmp.resolve("out/data").toAbsolutePath() + "/*.parquet')")) {
            assertTrue(rs.next());
            assertEquals(episodes - infraFailed, rs.getLong(1));
            assertEquals(rs.getLong(1), rs.getLong(2));
        }

        // each injected failure is retried, except the last failure of an episode that ran out of attempts
        long retries = manifest.at("/metrics/model_calls/agent/retries").asLong();
        assertTrue(retries > 0);
        assertEquals(injected.get() - infraFailed, retries, "retries = injected failures - episodes given up");
    }
}
