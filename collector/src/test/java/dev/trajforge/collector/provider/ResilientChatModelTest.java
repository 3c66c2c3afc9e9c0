package dev.trajforge.collector.provider;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResilientChatModelTest {
    private static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.from("hi")).build();
    private static final ResilientChatModel.Endpoint ENDPOINT =
            new ResilientChatModel.Endpoint("agent", "openai/m", "http://127.0.0.1:1/v1", "MY_KEY_VAR");
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** Fails with the queued failures, then answers. */
    private static final class Flaky implements ChatModel {
        final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();
        int calls;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls++;
            if (!failures.isEmpty()) throw failures.poll().get();
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        }
    }

    private final List<Duration> slept = new ArrayList<>();

    private ResilientChatModel resilient(Flaky flaky, RetryPolicy policy) {
        return new ResilientChatModel(flaky, ENDPOINT, policy, slept::add, 42);
    }

    private static Supplier<RuntimeException> http(int status, Duration retryAfter) {
        return () -> new ProviderHttpException(status, "{\"error\":{\"message\":\"status " + status + "\"}}", retryAfter);
    }

    @Test
    void should_retry_a_rate_limit_and_wait_at_least_the_retry_after_the_server_asked_for() {
        Flaky flaky = new Flaky();
        flaky.failures.add(http(429, Duration.ofSeconds(7)));
        assertEquals("ok", resilient(flaky, FAST).chat(REQUEST).aiMessage().text());
        assertEquals(2, flaky.calls);
        assertEquals(List.of(Duration.ofSeconds(7)), slept);
    }

    @Test
    void should_retry_server_errors_and_timeouts_with_growing_jittered_backoff() {
        Flaky flaky = new Flaky();
        flaky.failures.add(http(500, null));
        flaky.failures.add(() -> new TimeoutException(new java.net.http.HttpTimeoutException("read timed out")));
        flaky.failures.add(http(503, null));
        ResilientChatModel model = resilient(flaky, FAST);
        assertEquals("ok", model.chat(REQUEST).aiMessage().text());
        assertEquals(3, slept.size());
        for (int i = 0; i < 3; i++) {
            long cap = Math.min(1000, 100L << i);
            long ms = slept.get(i).toMillis();
            assertTrue(ms >= cap / 2 && ms <= cap, "retry " + (i + 1) + " waited " + ms + " ms, cap " + cap);
        }
        assertEquals(3, model.retries());
    }

    @Test
    void should_give_up_after_the_attempt_bound_with_the_failure_class() {
        Flaky flaky = new Flaky();
        for (int i = 0; i < 10; i++) flaky.failures.add(http(500, null));
        ModelCallException failure = assertThrows(ModelCallException.class, () -> resilient(flaky, FAST).chat(REQUEST));
        assertFalse(failure instanceof FatalModelException);
        assertEquals("http_500", failure.failureClass());
        assertEquals(4, flaky.calls);
        assertTrue(failure.getMessage().contains("after 4 attempt(s)"), failure.getMessage());
    }

    @Test
    void should_stop_retrying_when_the_next_wait_would_pass_the_deadline() {
        Flaky flaky = new Flaky();
        flaky.failures.add(http(429, Duration.ofHours(1)));
        ModelCallException failure = assertThrows(ModelCallException.class, () -> resilient(flaky, FAST).chat(REQUEST));
        assertEquals(1, flaky.calls);
        assertTrue(failure.getMessage().contains("deadline"), failure.getMessage());
        assertTrue(slept.isEmpty());
    }

    @Test
    void should_not_retry_a_bad_request_or_an_exceeded_context_length() {
        Flaky badRequest = new Flaky();
        badRequest.failures.add(http(400, null));
        assertEquals("http_400", assertThrows(ModelCallException.class, () -> resilient(badRequest, FAST).chat(REQUEST)).failureClass());
        assertEquals(1, badRequest.calls);

        Flaky tooLong = new Flaky();
        tooLong.failures.add(() -> new ProviderHttpException(400, "This model's maximum context length is 8192 tokens", null));
        assertEquals("context_length_exceeded", assertThrows(ModelCallException.class, () -> resilient(tooLong, FAST).chat(REQUEST)).failureClass());
        assertTrue(slept.isEmpty());
    }

    @Test
    void should_stop_the_run_on_bad_credentials_naming_role_base_url_and_env_var_but_not_the_key() {
        for (int status : new int[]{401, 403, 404}) {
            Flaky flaky = new Flaky();
            flaky.failures.add(http(status, null));
            FatalModelException fatal = assertThrows(FatalModelException.class, () -> resilient(flaky, FAST).chat(REQUEST));
            assertTrue(fatal.getMessage().contains("agent model openai/m at http://127.0.0.1:1/v1"), fatal.getMessage());
            assertTrue(fatal.getMessage().contains("MY_KEY_VAR"), fatal.getMessage());
            assertEquals(1, flaky.calls);
        }
    }

    @Test
    void should_treat_a_refused_connection_as_transient() {
        Flaky flaky = new Flaky();
        flaky.failures.add(() -> new ProviderHttpClient.ProviderConnectionException("http://127.0.0.1:1/v1", new java.net.ConnectException("refused")));
        assertEquals("ok", resilient(flaky, FAST).chat(REQUEST).aiMessage().text());
        assertInstanceOf(Duration.class, slept.getFirst());
    }

    @Test
    void should_read_retry_after_as_seconds_or_http_date() {
        assertEquals(Duration.ofSeconds(3), ProviderHttpClient.retryAfter("3"));
        assertEquals(null, ProviderHttpClient.retryAfter("soon"));
        assertEquals(Duration.ZERO, ProviderHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    /** Answers with these replies in turn ("": a message without text), then "ok". */
    private static final class Replies implements ChatModel {
        final Deque<String> texts = new ArrayDeque<>();
        int calls;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls++;
            if (texts.isEmpty()) return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
            String text = texts.poll();
            return ChatResponse.builder().aiMessage(text.isEmpty() ? AiMessage.builder().build() : AiMessage.from(text)).build();
        }
    }

    @Test
    void should_retry_a_reply_with_neither_text_nor_tool_calls_and_then_answer() {
        Replies replies = new Replies();
        replies.texts.add("  ");
        ResilientChatModel model = new ResilientChatModel(replies, ENDPOINT, FAST, slept::add, 42);
        assertEquals("ok", model.chat(REQUEST).aiMessage().text());
        assertEquals(2, replies.calls);
        assertEquals(1, model.retries());
    }

    @Test
    void should_give_up_on_replies_that_stay_empty_with_the_empty_response_class() {
        Replies replies = new Replies();
        for (int i = 0; i < 10; i++) replies.texts.add("");
        ResilientChatModel model = new ResilientChatModel(replies, ENDPOINT, FAST, slept::add, 42);
        ModelCallException failure = assertThrows(ModelCallException.class, () -> model.chat(REQUEST));
        assertEquals("empty_response", failure.failureClass());
        assertEquals(0L, model.metrics().get("answered_calls"), "an empty reply is no answer");
        assertEquals(4, replies.calls);
        assertTrue(failure.getMessage().contains("neither text nor tool calls"), failure.getMessage());
    }

    @Test
    void should_class_a_failure_it_does_not_know_as_unclassified_naming_the_exception() {
        Flaky flaky = new Flaky();
        flaky.failures.add(() -> new IllegalStateException("something odd"));
        ModelCallException failure = assertThrows(ModelCallException.class, () -> resilient(flaky, FAST).chat(REQUEST));
        assertEquals("unclassified", failure.failureClass());
        assertTrue(failure.getMessage().contains("java.lang.IllegalStateException: something odd"), failure.getMessage());
    }

    @Test
    void should_keep_the_key_and_credential_shaped_text_out_of_the_failure_message() {
        String key = "plain-secret-value-42";
        Flaky flaky = new Flaky();
        flaky.failures.add(() -> new ProviderHttpException(400, "bad request from " + key + "; Authorization: Bearer abc.def.ghi;"
                + " other key sk-proj-ABCDEF0123456789; api_key=hunter2hunter2", null));
        ModelCallException failure = assertThrows(ModelCallException.class, () -> new ResilientChatModel(flaky,
                new ResilientChatModel.Endpoint("agent", "openai/m", "https://user:pa55word@proxy.example/v1", "MY_KEY_VAR"),
                FAST, slept::add, 42, Redactor.forKey(key)).chat(REQUEST));
        String message = failure.getMessage();
        for (String secret : List.of(key, "abc.def.ghi", "sk-proj-ABCDEF0123456789", "hunter2hunter2", "pa55word")) {
            assertFalse(message.contains(secret), secret + " in " + message);
        }
        assertTrue(message.contains("HTTP 400: bad request from [redacted]"), message);
        assertTrue(message.contains("https://[redacted]@proxy.example/v1"), message);
    }

    @Test
    void should_cut_a_long_body_to_an_excerpt_on_one_line() {
        Flaky flaky = new Flaky();
        flaky.failures.add(() -> new ProviderHttpException(400, "<html>\n" + "x".repeat(5000) + "\n</html>", null));
        String message = assertThrows(ModelCallException.class, () -> resilient(flaky, FAST).chat(REQUEST)).getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.length() < 600, message.length() + " chars");
    }
}
