package dev.trajforge.collector.provider;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.trajforge.collector.config.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limiter registry of {@link Providers}: one limiter per endpoint (base URL + model), in front of every attempt. */
class SharedEndpointLimitTest {
    private static final ChatRequest HI = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    private static ModelSpec openAi(String baseUrl, String model, Integer rpm, Integer tpm, Integer maxConcurrency) {
        return new ModelSpec("openai", model, baseUrl, null, null, null, null, null, null, null, null, null, null, null,
                rpm, tpm, maxConcurrency);
    }

    @Test
    void should_share_one_limiter_between_roles_calling_the_same_endpoint_under_the_strictest_limits() {
        Providers providers = new Providers(Map.<String, String>of()::get, RetryPolicy.DEFAULT);
        providers.build("agent", openAi("http://127.0.0.1:8000/v1", "m", 600, null, 16), 1);
        providers.build("user", openAi("HTTP://127.0.0.1:8000/v1/", "m", 1200, 100_000, null), 2);
        providers.build("judge", openAi("http://127.0.0.1:8000/v1", "judge-m", null, null, null), 3);

        Map<String, Map<String, Object>> metrics = providers.limiterMetrics();
        assertEquals(Set.of("m@http://127.0.0.1:8000/v1", "judge-m@http://127.0.0.1:8000/v1"), metrics.keySet());
        Map<String, Object> shared = metrics.get("m@http://127.0.0.1:8000/v1");
        assertEquals(600, shared.get("requests_per_minute"), "the agent's 600 is stricter than the user's 1200");
        assertEquals(100_000, shared.get("tokens_per_minute"), "only the user set one");
        assertEquals(16, shared.get("max_concurrency"));
        assertEquals(16, shared.get("concurrency_limit"));
        Map<String, Object> judge = metrics.get("judge-m@http://127.0.0.1:8000/v1");
        assertEquals(64, judge.get("max_concurrency"), "the default cap of the adaptive limit");
        assertEquals(null, judge.get("requests_per_minute"));
    }

    @Test
    void should_pass_every_attempt_retries_included_and_every_role_through_the_one_limiter() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.error(500, "boom", "server_error", null),
                    OpenAiReply.error(429, "slow down", "rate_limit_error", "rate_limited", "Retry-After: 0"));
            server.whenEmpty(OpenAiReply.text("ok").usage(10, 2));
            Providers providers = new Providers(Map.<String, String>of()::get, LoopbackRuns.FAST);
            ResilientChatModel agent = providers.build("agent", openAi(server.baseUrl(), "m", 6000, null, 4), 1);
            ResilientChatModel user = providers.build("user", openAi(server.baseUrl(), "m", null, null, null), 2);

            assertEquals("ok", agent.chat(HI).aiMessage().text());
            assertEquals("ok", user.chat(HI).aiMessage().text());

            Map<String, Object> limiter = providers.limiterMetrics().get("m@" + server.baseUrl());
            assertEquals(4L, limiter.get("calls"), "3 attempts of the agent, 1 of the user");
            assertEquals(4, server.requestCount());
            assertEquals(1L, limiter.get("rate_limited_429"));
            assertEquals(3, limiter.get("concurrency_limit"), "halved from 4 to 2 by the 429, then a window of 2 successes adds 1");
            assertEquals(2L, agent.retries());
        }
    }
}
