package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.trajforge.collector.provider.ChatFixtures.SYSTEM;
import static dev.trajforge.collector.provider.ChatFixtures.USER;
import static dev.trajforge.collector.provider.ChatFixtures.append;
import static dev.trajforge.collector.provider.ChatFixtures.causeChain;
import static dev.trajforge.collector.provider.ChatFixtures.http11;
import static dev.trajforge.collector.provider.ChatFixtures.opening;
import static dev.trajforge.collector.provider.ChatFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real LangChain4j Anthropic client against {@link FakeAnthropicServer}: the fake speaks its protocol. */
class FakeAnthropicServerTest {

    private static final ToolCallSpec FIRST = ToolCallSpec.call("toolu_01", "get_order_details", "{\"order_id\":\"#W0000001\"}");
    private static final ToolCallSpec SECOND = ToolCallSpec.call("toolu_02", "cancel_pending_order",
            "{\"order_id\":\"#W0000002\",\"reason\":\"no longer needed\"}");

    private FakeAnthropicServer server;

    @BeforeEach
    void start() {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AnthropicChatModel.AnthropicChatModelBuilder builder() {
        return AnthropicChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("test-key")
                .modelName("m")
                .maxRetries(0)
                .returnThinking(true)
                .httpClientBuilder(http11());
    }

    private AnthropicChatModel model() {
        return builder().build();
    }

    @Test
    void should_return_parallel_tool_uses_with_ids_and_inputs_intact() {
        server.enqueue(AnthropicReply.toolUse(FIRST, SECOND));

        ChatResponse response = model().chat(opening());

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertEquals(List.of("toolu_01", "toolu_02"), calls.stream().map(ToolExecutionRequest::id).toList());
        assertEquals(List.of("get_order_details", "cancel_pending_order"), calls.stream().map(ToolExecutionRequest::name).toList());
        assertEquals(FakeProviderServer.parse(SECOND.arguments(), "expected"), FakeProviderServer.parse(calls.get(1).arguments(), "actual"));
        assertEquals(FinishReason.TOOL_EXECUTION, response.finishReason());
    }

    @Test
    void should_send_tool_results_as_tool_result_blocks_with_their_tool_use_ids() {
        server.enqueue(AnthropicReply.toolUse(FIRST, SECOND), AnthropicReply.text("Done."));
        AnthropicChatModel model = model();
        AiMessage calls = model.chat(opening()).aiMessage();

        model.chat(request(append(List.of(SYSTEM, USER), calls,
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(0), "{\"status\":\"delivered\"}"),
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(1), "{\"status\":\"cancelled\"}"))));

        JsonNode body = server.lastRequest().json();
        assertEquals("You are a retail support agent.", body.path("system").get(0).path("text").asText(), body.toString());
        JsonNode messages = body.path("messages");
        assertEquals(3, messages.size(), messages.toString());
        JsonNode assistant = messages.get(1);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals(List.of("toolu_01", "toolu_02"), assistant.path("content").findValuesAsText("id"));
        assertEquals("no longer needed", assistant.path("content").get(1).path("input").path("reason").asText());
        JsonNode results = messages.get(2);
        assertEquals("user", results.path("role").asText());
        assertEquals(2, results.path("content").size(), "both results in one user turn");
        for (int i = 0; i < 2; i++) {
            JsonNode block = results.path("content").get(i);
            assertEquals("tool_result", block.path("type").asText());
            assertEquals("toolu_0" + (i + 1), block.path("tool_use_id").asText());
        }
        assertEquals("{\"status\":\"cancelled\"}", results.path("content").get(1).path("content").asText());
    }

    @Test
    void should_send_both_tools_with_their_input_schemas() {
        server.enqueue(AnthropicReply.text("Hello."));

        model().chat(opening());

        JsonNode body = server.lastRequest().json();
        JsonNode tools = body.path("tools");
        assertEquals(List.of("get_order_details", "cancel_pending_order"), tools.findValuesAsText("name"));
        JsonNode cancel = tools.get(1).path("input_schema");
        assertEquals("object", cancel.path("type").asText());
        assertEquals("[\"no longer needed\",\"ordered by mistake\"]", cancel.path("properties").path("reason").path("enum").toString());
        assertEquals("[\"order_id\",\"reason\"]", cancel.path("required").toString());
        assertEquals("m", body.path("model").asText());
        assertTrue(body.path("max_tokens").isInt(), body.toString());
    }

    @Test
    void should_return_the_thinking_block_as_thinking_and_send_it_back_signed() {
        server.enqueue(AnthropicReply.toolUse(FIRST).thinking("Look up the first order.", "sig-1").content("Let me check."),
                AnthropicReply.text("Done."));
        AnthropicChatModel model = model();

        AiMessage calls = model.chat(opening()).aiMessage();
        assertEquals("Look up the first order.", calls.thinking());
        assertEquals("Let me check.", calls.text());

        model.chat(request(append(List.of(USER), calls, ToolExecutionResultMessage.from(calls.toolExecutionRequests().getFirst(), "{}"))));
        JsonNode content = server.lastRequest().json().path("messages").get(1).path("content");
        assertEquals("thinking", content.get(0).path("type").asText(), content.toString());
        assertEquals("Look up the first order.", content.get(0).path("thinking").asText());
        assertEquals("sig-1", content.get(0).path("signature").asText());
        assertEquals(List.of("thinking", "text", "tool_use"), content.findValuesAsText("type"));
    }

    @Test
    void should_drop_thinking_unless_return_thinking_is_set() {
        server.enqueue(AnthropicReply.text("Hi.").thinking("greet", "sig"));

        assertNull(builder().returnThinking(false).build().chat(opening()).aiMessage().thinking());
    }

    @Test
    void should_report_token_usage_the_echoed_model_and_the_message_id() {
        server.enqueue(AnthropicReply.text("Hello.").usage(240, 12));

        ChatResponse response = model().chat(opening());

        assertEquals(240, response.tokenUsage().inputTokenCount());
        assertEquals(12, response.tokenUsage().outputTokenCount());
        assertEquals(252, response.tokenUsage().totalTokenCount());
        assertEquals("m", response.modelName());
        assertEquals("msg_fake_0", response.id());
        assertEquals(FinishReason.STOP, response.finishReason());
    }

    @Test
    void should_send_the_api_key_and_the_api_version_headers() {
        server.requireApiKey("test-key");
        server.enqueue(AnthropicReply.text("Hello."));

        model().chat(opening());

        RecordedRequest sent = server.lastRequest();
        assertEquals("test-key", sent.header("x-api-key").orElseThrow());
        assertEquals("2023-06-01", sent.header("anthropic-version").orElseThrow());
        assertFalse(sent.hasHeader("Authorization"));
        assertEquals("/v1/messages", sent.path());

        AuthenticationException failure = assertThrows(AuthenticationException.class,
                () -> builder().apiKey("wrong-key").build().chat(opening()));
        assertTrue(failure.getMessage().contains("authentication_error"), failure.getMessage());
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                Arguments.of(400, InvalidRequestException.class, "invalid_request_error"),
                Arguments.of(401, AuthenticationException.class, "authentication_error"),
                Arguments.of(403, AuthenticationException.class, "permission_error"),
                Arguments.of(404, ModelNotFoundException.class, "not_found_error"),
                Arguments.of(413, InvalidRequestException.class, "request_too_large"),
                Arguments.of(429, RateLimitException.class, "rate_limit_error"),
                Arguments.of(500, InternalServerException.class, "api_error"),
                Arguments.of(529, InternalServerException.class, "overloaded_error"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("errorStatuses")
    void should_map_an_error_status_to_a_langchain4j_exception_caused_by_an_http_exception(
            int status, Class<? extends LangChain4jException> expected, String type) {
        server.enqueue(AnthropicReply.error(status, type, "fake failure " + status, "Retry-After: 1"));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> model().chat(opening()));

        assertEquals(expected, failure.getClass(), causeChain(failure));
        HttpException http = assertInstanceOf(HttpException.class, failure.getCause(), causeChain(failure));
        assertEquals(status, http.statusCode());
        assertTrue(http.getMessage().contains("\"type\":\"" + type + "\""), http.getMessage());
        assertEquals(http.getMessage(), failure.getMessage());
        assertEquals(1, server.requestCount(), "maxRetries(0) sends once");
    }

    @Test
    void should_time_out_a_slow_reply_with_a_timeout_exception() {
        server.enqueue(Reply.delay(Duration.ofSeconds(5), AnthropicReply.text("too late")));

        TimeoutException failure = assertThrows(TimeoutException.class,
                () -> builder().timeout(Duration.ofMillis(300)).build().chat(opening()));

        assertInstanceOf(java.net.http.HttpTimeoutException.class, failure.getCause(), causeChain(failure));
    }

    @Test
    void should_speak_plain_http_1_1_without_an_h2c_upgrade_when_pinned() {
        server.enqueue(AnthropicReply.text("Hello."));

        model().chat(opening());

        RecordedRequest sent = server.lastRequest();
        assertEquals("HTTP/1.1", sent.protocol());
        assertFalse(sent.hasHeader("Upgrade"), sent.headers().toString());
    }

    @Test
    void should_ask_for_an_h2c_upgrade_with_the_default_jdk_client() {
        server.enqueue(AnthropicReply.text("Hello."));

        AnthropicChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("m").maxRetries(0).build().chat(opening());

        assertEquals("h2c", server.lastRequest().header("Upgrade").orElseThrow(), server.lastRequest().headers().toString());
    }
}
