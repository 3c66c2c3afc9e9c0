package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompt caching: the input tokens a provider served from its cache are read from its own usage fields (OpenAI's
 * {@code prompt_tokens_details.cached_tokens}, Anthropic's {@code cache_read_input_tokens}), counted apart and priced at
 * the cached-input price; Anthropic requests carry cache markers on the stable prefix (system prompt and tools) unless
 * the spec turns them off.
 */
class PromptCachingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double IN = 2.0;
    private static final double CACHED_IN = 0.5;
    private static final double OUT = 8.0;

    @TempDir
    Path tmp;

    private String config(String agent) {
        return """
                runId: caching
                seed: 3
                domain: retail
                tasks: 3
                trials: 1
                concurrency: 2
                keepRejected: true
                output: %s
                agent: %s
                """.formatted(tmp.resolve("out"), agent);
    }

    private String prices() {
        return "inputPricePerMillion: " + IN + ", cachedInputPricePerMillion: " + CACHED_IN + ", outputPricePerMillion: " + OUT;
    }

    @Test
    void should_count_and_price_the_cached_prompt_tokens_an_openai_compatible_server_reports() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> OpenAiReply.text("Is there anything else I can help you with?").usage(1000, 50, 800));
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config("{provider: openai, model: m, baseUrl: " + server.baseUrl()
                    + ", apiKeyEnv: TEST_KEY, " + prices() + "}")), Map.of("TEST_KEY", "sk"));

            JsonNode agent = manifest().path("usage").path("agent");
            long calls = agent.path("calls").asLong();
            assertEquals(server.requestCount(), calls);
            assertEquals(1000 * calls, agent.path("prompt_tokens").asLong(), "prompt_tokens counts every input token");
            assertEquals(800 * calls, agent.path("cached_prompt_tokens").asLong());
            assertEquals(calls * (200 * IN + 800 * CACHED_IN + 50 * OUT) / 1e6, agent.path("cost_usd").asDouble(), 1e-12);
            assertPerAccepted(report, agent);
        }
    }

    @Test
    void should_mark_system_and_tools_for_anthropics_cache_and_count_its_cache_reads() throws Exception {
        try (FakeAnthropicServer server = FakeAnthropicServer.start()) {
            server.respondWith(request -> AnthropicReply.text("Is there anything else I can help you with?").usage(100, 20, 900));
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config("{provider: anthropic, model: claude-test, baseUrl: "
                    + server.baseUrl() + ", apiKeyEnv: ANTHROPIC_TEST_KEY, " + prices() + "}")), Map.of("ANTHROPIC_TEST_KEY", "ak"));

            JsonNode request = server.lastRequest().json();
            JsonNode system = request.path("system");
            assertTrue(system.isArray() && system.get(system.size() - 1).path("cache_control").path("type").asText().equals("ephemeral"),
                    "the system prompt is a cache breakpoint: " + system);
            JsonNode tools = request.path("tools");
            assertFalse(tools.isEmpty());
            assertEquals("ephemeral", tools.get(tools.size() - 1).path("cache_control").path("type").asText(), "the tools are a cache breakpoint");

            JsonNode agent = manifest().path("usage").path("agent");
            long calls = agent.path("calls").asLong();
            assertEquals(1000 * calls, agent.path("prompt_tokens").asLong(), "input_tokens plus the cache reads");
            assertEquals(900 * calls, agent.path("cached_prompt_tokens").asLong());
            assertEquals(calls * (100 * IN + 900 * CACHED_IN + 20 * OUT) / 1e6, agent.path("cost_usd").asDouble(), 1e-12);
            assertPerAccepted(report, agent);
        }
    }

    @Test
    void should_send_no_cache_markers_when_the_spec_turns_prompt_caching_off() throws Exception {
        try (FakeAnthropicServer server = FakeAnthropicServer.start()) {
            server.respondWith(request -> AnthropicReply.text("Is there anything else I can help you with?").usage(100, 20));
            LoopbackRuns.run(LoopbackRuns.config(tmp, config("{provider: anthropic, model: claude-test, baseUrl: " + server.baseUrl()
                    + ", apiKeyEnv: ANTHROPIC_TEST_KEY, promptCaching: false}")), Map.of("ANTHROPIC_TEST_KEY", "ak"));

            assertFalse(server.lastRequest().json().toString().contains("cache_control"), server.lastRequest().json().toString());
        }
    }

    private void assertPerAccepted(RunReport report, JsonNode agent) throws Exception {
        JsonNode perAccepted = manifest().path("usage_per_accepted");
        long accepted = report.export().accepted();
        if (accepted == 0) {
            assertTrue(perAccepted.isNull());
            return;
        }
        assertEquals(agent.path("cost_usd").asDouble() / accepted, perAccepted.path("agent").path("cost_usd").asDouble(), 1e-12);
        assertEquals((double) agent.path("cached_prompt_tokens").asLong() / accepted, perAccepted.path("agent").path("cached_prompt_tokens").asDouble(), 1e-9);
        assertTrue(perAccepted.path("total").path("cost_usd").asDouble() >= perAccepted.path("agent").path("cost_usd").asDouble());
    }

    private JsonNode manifest() throws Exception {
        return JSON.readTree(tmp.resolve("out/manifest.json").toFile());
    }
}
