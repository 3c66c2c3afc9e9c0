package dev.trajforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose agent answers over the OpenAI protocol (a loopback server) as a Spark job: its manifest's
 * {@code metrics.model_calls} and {@code metrics.rate_limits} count the calls a single-process run of the same config counts.
 */
class ModelCallMetricsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static LoopbackAgent agent;
    static SparkSession spark;
    static JsonNode single;
    static JsonNode job;
    static long singleCalls;
    static long jobCalls;

    @BeforeAll
    static void runBoth() throws Exception {
        agent = LoopbackAgent.start();
        Path config = agent.config(tmp, 12, "");
        Path one = tmp.resolve("single");
        assertEquals(0, TrajforgeCli.execute("run", config.toString(), "--out", one.toString(), "--quiet"));
        singleCalls = agent.calls();
        spark = LocalSpark.start(ModelCallMetricsRunTest.class);
        Path out = tmp.resolve("spark");
        assertEquals(0, TrajforgeSpark.run(new String[] {"run", config.toString(), "--out", out.toString(), "--partitions", "3"}));
        jobCalls = agent.calls() - singleCalls;
        single = JSON.readTree(one.resolve("manifest.json").toFile());
        job = JSON.readTree(out.resolve("manifest.json").toFile());
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
        if (agent != null) agent.close();
    }

    @Test
    void should_count_the_agents_calls_as_a_single_process_run_does() {
        JsonNode calls = job.at("/metrics/model_calls/agent");
        assertTrue(singleCalls >= 24, "calls " + singleCalls);
        assertEquals(singleCalls, jobCalls, "the job made the calls a single-process run makes");
        assertEquals(single.at("/metrics/model_calls/agent/answered_calls"), calls.get("answered_calls"));
        assertEquals(jobCalls, calls.get("answered_calls").asLong());
        assertEquals(0, calls.get("retries").asLong());
        for (String latency : List.of("mean_latency_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms")) {
            assertTrue(calls.get(latency).asDouble() > 0, latency + " of the merged histogram");
        }
        assertTrue(calls.get("p50_ms").asDouble() <= calls.get("p99_ms").asDouble());
        assertEquals(single.at("/metrics/model_calls").size(), job.at("/metrics/model_calls").size(), "one provider-backed role");
    }

    @Test
    void should_count_the_endpoints_limiter_as_a_single_process_run_does_with_each_tasks_share_of_the_limits() {
        JsonNode one = single.at("/metrics/rate_limits");
        JsonNode all = job.at("/metrics/rate_limits");
        assertEquals(List.copyOf(one.properties().stream().map(java.util.Map.Entry::getKey).toList()),
                List.copyOf(all.properties().stream().map(java.util.Map.Entry::getKey).toList()), "the same endpoint");
        String endpoint = one.properties().iterator().next().getKey();
        for (String counter : List.of("calls", "rate_limited_429", "concurrency_decreases", "estimated_tokens", "settled_tokens", "in_flight")) {
            assertEquals(one.get(endpoint).get(counter), all.get(endpoint).get(counter), counter);
        }
        assertEquals((LoopbackAgent.PROMPT_TOKENS + LoopbackAgent.COMPLETION_TOKENS) * jobCalls, all.get(endpoint).get("settled_tokens").asLong());
        assertEquals(8, one.get(endpoint).get("max_concurrency").asInt());
        assertEquals(4, all.get(endpoint).get("max_concurrency").asInt(), "maxConcurrency 8 shared by the 2 tasks running at once");
    }

    @Test
    void should_write_the_usage_and_cost_a_single_process_run_writes() {
        assertEquals(single.get("usage"), job.get("usage"));
        assertTrue(job.at("/usage/agent/cost_usd").asDouble() > 0, "the agent is priced");
    }
}
