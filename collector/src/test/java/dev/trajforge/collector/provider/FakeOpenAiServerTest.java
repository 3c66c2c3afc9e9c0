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
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
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

/** The real LangChain4j OpenAI client against {@link FakeOpenAiServer}: the fake speaks its protocol. */
class FakeOpenAiServerTest {

    private static final ToolCallSpec FIRST = ToolCallSpec.call("call_1", "get_order_details", "{\"order_id\":\"#W0000001\"}");
    private static final ToolCallSpec SECOND = ToolCallSpec.call("call_2", "get_order_details", "{\"order_id\":\"#W0000002\"}");

    private FakeOpenAiServer server;

    @BeforeEach
    void start() {
        server = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiChatModel.OpenAiChatModelBuilder builder() {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("test-key")
                .modelName("m")
                .maxRetries(0)
                .returnThinking(true)
                .httpClientBuilder(http11());
    }

    private OpenAiChatModel model() {
        return builder().build();
    }

    @Test
    void should_return_parallel_tool_calls_with_ids_and_arguments_intact() {
        server.enqueue(OpenAiReply.toolCalls(FIRST, SECOND));

        ChatResponse response = model().chat(opening());

        assertEquals(List.of(
                        ToolExecutionRequest.builder().id("call_1").name("get_order_details").arguments("{\"order_id\":\"#W0000001\"}").build(),
                        ToolExecutionRequest.builder().id("call_2").name("get_order_details").arguments("{\"order_id\":\"#W0000002\"}").build()),
                response.aiMessage().toolExecutionRequests());
        assertNull(response.aiMessage().text());
        assertEquals(FinishReason.TOOL_EXECUTION, response.finishReason());
    }

    @Test
    void should_pass_malformed_tool_arguments_through_verbatim() {
        server.enqueue(OpenAiReply.toolCalls(ToolCallSpec.call("call_1", "cancel_pending_order", "{\"order_id\": \"#W1\", reason")));

        ToolExecutionRequest call = model().chat(opening()).aiMessage().toolExecutionRequests().getFirst();

        assertEquals("{\"order_id\": \"#W1\", reason", call.arguments());
    }

    @Test
    void should_send_tool_results_as_tool_messages_with_their_call_ids() {
        server.enqueue(OpenAiReply.toolCalls(FIRST, SECOND), OpenAiReply.text("Both orders are on their way."));
        OpenAiChatModel model = model();
        AiMessage calls = model.chat(opening()).aiMessage();

        ChatResponse answer = model.chat(request(append(List.of(SYSTEM, USER), calls,
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(0), "{\"status\":\"delivered\"}"),
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(1), "{\"status\":\"pending\"}"))));

        assertEquals("Both orders are on their way.", answer.aiMessage().text());
        JsonNode messages = server.lastRequest().json().path("messages");
        assertEquals(5, messages.size(), messages.toString());
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals("user", messages.get(1).path("role").asText());
        JsonNode assistant = messages.get(2);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals(List.of("call_1", "call_2"), assistant.path("tool_calls").findValuesAsText("id"));
        assertEquals("{\"order_id\":\"#W0000002\"}", assistant.path("tool_calls").get(1).path("function").path("arguments").asText());
        for (int i = 0; i < 2; i++) {
            JsonNode result = messages.get(3 + i);
            assertEquals("tool", result.path("role").asText());
            assertEquals("call_" + (i + 1), result.path("tool_call_id").asText());
        }
        assertEquals("{\"status\":\"pending\"}", messages.get(4).path("content").asText());
    }

    @Test
    void should_send_both_tools_with_their_parameter_schemas() {
        server.enqueue(OpenAiReply.text("Hello."));

        model().chat(opening());

        JsonNode tools = server.lastRequest().json().path("tools");
        assertEquals(2, tools.size());
        assertEquals("function", tools.get(0).path("type").asText());
        assertEquals(List.of("get_order_details", "cancel_pending_order"), tools.findValuesAsText("name"));
        JsonNode cancel = tools.get(1).path("function").path("parameters");
        assertEquals("object", cancel.path("type").asText());
        assertEquals("string", cancel.path("properties").path("order_id").path("type").asText());
        assertEquals("[\"no longer needed\",\"ordered by mistake\"]", cancel.path("properties").path("reason").path("enum").toString());
        assertEquals("[\"order_id\",\"reason\"]", cancel.path("required").toString());
        assertEquals("m", server.lastRequest().json().path("model").asText());
        assertFalse(server.lastRequest().json().path("stream").asBoolean());
    }

    @Test
    void should_return_reasoning_content_as_thinking() {
        server.enqueue(OpenAiReply.toolCalls(FIRST).reasoning("The user asks about two orders; look up the first."));

        AiMessage message = model().chat(opening()).aiMessage();

        assertEquals("The user asks about two orders; look up the first.", message.thinking());
        assertEquals(1, message.toolExecutionRequests().size());
    }

    @Test
    void should_drop_reasoning_content_unless_return_thinking_is_set() {
        server.enqueue(OpenAiReply.text("Hi.").reasoning("greet"));

        assertNull(builder().returnThinking(false).build().chat(opening()).aiMessage().thinking());
    }

    @Test
    void should_send_reasoning_back_only_when_send_thinking_is_set() {
        AiMessage calls = AiMessage.builder().thinking("look it up").toolExecutionRequests(List.of(
                ToolExecutionRequest.builder().id("call_1").name("get_order_details").arguments("{}").build())).build();
        List<dev.langchain4j.data.message.ChatMessage> history = append(List.of(USER), calls,
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().getFirst(), "{}"));
        server.whenEmpty(OpenAiReply.text("Done."));

        model().chat(request(history));
        assertTrue(server.lastRequest().json().path("messages").get(1).path("reasoning_content").isMissingNode(),
                server.lastRequest().json().toString());

        builder().sendThinking(true).build().chat(request(history));
        assertEquals("look it up", server.lastRequest().json().path("messages").get(1).path("reasoning_content").asText(),
                server.lastRequest().json().toString());
    }

    @Test
    void should_report_token_usage_the_echoed_model_and_the_response_id() {
        server.enqueue(OpenAiReply.text("Hello.").usage(120, 9));

        ChatResponse response = model().chat(opening());

        assertEquals(120, response.tokenUsage().inputTokenCount());
        assertEquals(9, response.tokenUsage().outputTokenCount());
        assertEquals(129, response.tokenUsage().totalTokenCount());
        assertEquals("m", response.modelName());
        assertEquals("chatcmpl-fake-0", response.id());
        assertEquals(FinishReason.STOP, response.finishReason());
    }

    @Test
    void should_report_no_token_usage_when_the_server_sends_none() {
        server.enqueue(OpenAiReply.text("Hello."));

        assertNull(model().chat(opening()).tokenUsage());
    }

    @Test
    void should_send_the_api_key_as_a_bearer_token() {
        server.requireApiKey("test-key");
        server.enqueue(OpenAiReply.text("Hello."));
        model().chat(opening());
        assertEquals("test-key", server.lastRequest().bearerToken().orElseThrow());

        server.enqueue(OpenAiReply.text("never served"));
        AuthenticationException failure = assertThrows(AuthenticationException.class,
                () -> builder().apiKey("wrong-key").build().chat(opening()));
        assertTrue(failure.getMessage().contains("invalid or missing API key"), failure.getMessage());
        assertEquals(1, server.pendingReplies());
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                Arguments.of(400, InvalidRequestException.class, "invalid_request_error", "context_length_exceeded"),
                Arguments.of(401, AuthenticationException.class, "invalid_request_error", "invalid_api_key"),
                Arguments.of(403, AuthenticationException.class, "insufficient_permissions", null),
                Arguments.of(404, ModelNotFoundException.class, "invalid_request_error", "model_not_found"),
                Arguments.of(408, TimeoutException.class, "timeout", null),
                Arguments.of(422, InvalidRequestException.class, "invalid_request_error", null),
                Arguments.of(429, RateLimitException.class, "requests", "rate_limit_exceeded"),
                Arguments.of(500, InternalServerException.class, "server_error", null),
                Arguments.of(503, InternalServerException.class, "server_error", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("errorStatuses")
    void should_map_an_error_status_to_a_langchain4j_exception_caused_by_an_http_exception(
            int status, Class<? extends LangChain4jException> expected, String type, String code) {
        server.enqueue(OpenAiReply.error(status, "fake failure " + status, type, code, "Retry-After: 1"));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> model().chat(opening()));

        assertEquals(expected, failure.getClass(), causeChain(failure));
        HttpException http = assertInstanceOf(HttpException.class, failure.getCause(), causeChain(failure));
        assertEquals(status, http.statusCode());
        assertTrue(http.getMessage().contains("\"message\":\"fake failure " + status + "\""), http.getMessage());
        assertEquals(http.getMessage(), failure.getMessage());
        assertEquals(1, server.requestCount(), "maxRetries(0) sends once");
    }

    @Test
    void should_time_out_a_slow_reply_with_a_timeout_exception() {
        server.enqueue(Reply.delay(Duration.ofSeconds(5), OpenAiReply.text("too late")));

        TimeoutException failure = assertThrows(TimeoutException.class,
                () -> builder().timeout(Duration.ofMillis(300)).build().chat(opening()));

        assertInstanceOf(java.net.http.HttpTimeoutException.class, failure.getCause(), causeChain(failure));
    }

    @Test
    void should_fail_on_a_body_that_is_not_json_with_a_plain_runtime_exception() {
        server.enqueue(Reply.raw(200, "<html>502 Bad Gateway</html>", "Content-Type: text/html"));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> model().chat(opening()));

        // not a LangChain4jException: callers that classify failures must handle this case too
        assertEquals(RuntimeException.class, failure.getClass(), causeChain(failure));
        assertInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class, failure.getCause(), causeChain(failure));
    }

    @Test
    void should_retry_a_rate_limit_when_retries_are_enabled() {
        server.enqueue(OpenAiReply.error(429, "slow down", "requests", "rate_limit_exceeded", "Retry-After: 1"),
                OpenAiReply.text("Hello."));

        assertEquals("Hello.", builder().maxRetries(1).build().chat(opening()).aiMessage().text());
        assertEquals(2, server.requestCount());
    }

    @Test
    void should_not_retry_an_authentication_failure() {
        server.enqueue(OpenAiReply.error(401, "bad key", "invalid_request_error", "invalid_api_key"), OpenAiReply.text("never"));

        assertThrows(AuthenticationException.class, () -> builder().maxRetries(3).build().chat(opening()));
        assertEquals(1, server.requestCount());
    }

    @Test
    void should_speak_plain_http_1_1_without_an_h2c_upgrade_when_pinned() {
        server.enqueue(OpenAiReply.text("Hello."));

        model().chat(opening());

        RecordedRequest sent = server.lastRequest();
        assertEquals("HTTP/1.1", sent.protocol());
        assertFalse(sent.hasHeader("Upgrade"), sent.headers().toString());
        assertFalse(sent.hasHeader("HTTP2-Settings"), sent.headers().toString());
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("POST", sent.method());
    }

    @Test
    void should_ask_for_an_h2c_upgrade_with_the_default_jdk_client() {
        server.enqueue(OpenAiReply.text("Hello."));

        OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("m").maxRetries(0).build().chat(opening());

        // what vLLM and LM Studio answer with 400: the reason the collector pins HTTP/1.1
        RecordedRequest sent = server.lastRequest();
        assertEquals("HTTP/1.1", sent.protocol());
        assertEquals("h2c", sent.header("Upgrade").orElseThrow(), sent.headers().toString());
        assertEquals("Upgrade, HTTP2-Settings", sent.header("Connection").orElseThrow());
        assertTrue(sent.hasHeader("HTTP2-Settings"));
    }
}
