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
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
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

/**
 * The real LangChain4j Ollama client against {@link FakeOllamaServer}. langchain4j-ollama is 1.18.1
 * (the newest published) on langchain4j-core 1.19.0, so these tests are also the proof that the two
 * work together at runtime.
 */
class FakeOllamaServerTest {

    private static final ToolCallSpec FIRST = ToolCallSpec.call("call_a", "get_order_details", "{\"order_id\":\"#W0000001\"}");
    private static final ToolCallSpec SECOND = ToolCallSpec.withoutId("get_order_details", "{\"order_id\":\"#W0000002\"}");

    private FakeOllamaServer server;

    @BeforeEach
    void start() {
        server = FakeOllamaServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OllamaChatModel.OllamaChatModelBuilder builder() {
        return OllamaChatModel.builder()
                .baseUrl(server.baseUrl())
                .modelName("m")
                .maxRetries(0)
                .returnThinking(true)
                .httpClientBuilder(http11());
    }

    private ChatModel model() {
        return builder().build();
    }

    @Test
    void should_return_parallel_tool_calls_with_arguments_intact_and_ids_when_sent() {
        server.enqueue(OllamaReply.toolCalls(FIRST, SECOND));

        ChatResponse response = model().chat(opening());

        List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
        assertEquals(2, calls.size());
        assertEquals("call_a", calls.get(0).id());
        assertNull(calls.get(1).id(), "Ollama versions that send no id give calls without one");
        assertEquals(List.of("get_order_details", "get_order_details"), calls.stream().map(ToolExecutionRequest::name).toList());
        assertEquals("{\"order_id\":\"#W0000002\"}", calls.get(1).arguments());
        assertEquals(FinishReason.TOOL_EXECUTION, response.finishReason());
    }

    @Test
    void should_send_tool_results_as_tool_messages_in_call_order() {
        server.enqueue(OllamaReply.toolCalls(FIRST, SECOND), OllamaReply.text("Both orders are on their way."));
        ChatModel model = model();
        AiMessage calls = model.chat(opening()).aiMessage();

        ChatResponse answer = model.chat(request(append(List.of(SYSTEM, USER), calls,
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(0), "{\"status\":\"delivered\"}"),
                ToolExecutionResultMessage.from(calls.toolExecutionRequests().get(1), "{\"status\":\"pending\"}"))));

        assertEquals("Both orders are on their way.", answer.aiMessage().text());
        JsonNode messages = server.lastRequest().json().path("messages");
        assertEquals(5, messages.size(), messages.toString());
        JsonNode assistant = messages.get(2);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals("#W0000002", assistant.path("tool_calls").get(1).path("function").path("arguments").path("order_id").asText());
        assertEquals("tool", messages.get(3).path("role").asText());
        assertEquals("{\"status\":\"delivered\"}", messages.get(3).path("content").asText());
        assertEquals("tool", messages.get(4).path("role").asText());
        assertEquals("{\"status\":\"pending\"}", messages.get(4).path("content").asText());
        // langchain4j-ollama 1.18.1 names neither the tool nor the call in a tool message: order is all that pairs them
        assertTrue(messages.get(3).path("tool_name").isMissingNode(), messages.get(3).toString());
        assertTrue(messages.get(3).path("tool_call_id").isMissingNode(), messages.get(3).toString());
    }

    @Test
    void should_send_both_tools_with_their_parameter_schemas_and_no_streaming() {
        server.enqueue(OllamaReply.text("Hello."));

        model().chat(opening());

        JsonNode body = server.lastRequest().json();
        assertEquals("m", body.path("model").asText());
        assertFalse(body.path("stream").asBoolean(true), body.toString());
        JsonNode tools = body.path("tools");
        assertEquals(List.of("get_order_details", "cancel_pending_order"), tools.findValuesAsText("name"));
        JsonNode cancel = tools.get(1).path("function").path("parameters");
        assertEquals("[\"no longer needed\",\"ordered by mistake\"]", cancel.path("properties").path("reason").path("enum").toString());
        assertEquals("[\"order_id\",\"reason\"]", cancel.path("required").toString());
        assertEquals("system", body.path("messages").get(0).path("role").asText());
    }

    @Test
    void should_return_message_thinking_as_thinking() {
        server.enqueue(OllamaReply.toolCalls(FIRST).thinking("Look up the first order."));

        AiMessage message = model().chat(opening()).aiMessage();

        assertEquals("Look up the first order.", message.thinking());
    }

    @Test
    void should_report_eval_counts_as_token_usage() {
        server.enqueue(OllamaReply.text("Hello.").usage(64, 7));

        ChatResponse response = model().chat(opening());

        assertEquals("Hello.", response.aiMessage().text());
        assertEquals(64, response.tokenUsage().inputTokenCount());
        assertEquals(7, response.tokenUsage().outputTokenCount());
        assertEquals(71, response.tokenUsage().totalTokenCount());
        assertEquals("m", response.modelName());
        assertEquals(FinishReason.STOP, response.finishReason());
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                Arguments.of(400, InvalidRequestException.class),
                Arguments.of(401, AuthenticationException.class),
                Arguments.of(404, ModelNotFoundException.class),
                Arguments.of(429, RateLimitException.class),
                Arguments.of(500, InternalServerException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("errorStatuses")
    void should_map_an_error_status_to_a_langchain4j_exception_caused_by_an_http_exception(
            int status, Class<? extends LangChain4jException> expected) {
        server.enqueue(OllamaReply.error(status, "fake failure " + status));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> model().chat(opening()));

        assertEquals(expected, failure.getClass(), causeChain(failure));
        HttpException http = assertInstanceOf(HttpException.class, failure.getCause(), causeChain(failure));
        assertEquals(status, http.statusCode());
        assertEquals("{\"error\":\"fake failure " + status + "\"}", http.getMessage());
        assertEquals(1, server.requestCount(), "maxRetries(0) sends once");
    }

    @Test
    void should_time_out_a_slow_reply_with_a_timeout_exception() {
        server.enqueue(Reply.delay(Duration.ofSeconds(5), OllamaReply.text("too late")));

        TimeoutException failure = assertThrows(TimeoutException.class,
                () -> builder().timeout(Duration.ofMillis(300)).build().chat(opening()));

        assertInstanceOf(java.net.http.HttpTimeoutException.class, failure.getCause(), causeChain(failure));
    }

    @Test
    void should_speak_plain_http_1_1_without_an_h2c_upgrade_when_pinned() {
        server.enqueue(OllamaReply.text("Hello."));

        model().chat(opening());

        RecordedRequest sent = server.lastRequest();
        assertEquals("HTTP/1.1", sent.protocol());
        assertFalse(sent.hasHeader("Upgrade"), sent.headers().toString());
        assertEquals("/api/chat", sent.path());
    }

    @Test
    void should_ask_for_an_h2c_upgrade_with_the_default_jdk_client() {
        server.enqueue(OllamaReply.text("Hello."));

        OllamaChatModel.builder().baseUrl(server.baseUrl()).modelName("m").maxRetries(0).build().chat(opening());

        assertEquals("h2c", server.lastRequest().header("Upgrade").orElseThrow(), server.lastRequest().headers().toString());
    }
}
