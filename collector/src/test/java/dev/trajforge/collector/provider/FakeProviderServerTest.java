package dev.trajforge.collector.provider;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server machinery the three fakes share, driven by a bare JDK HTTP client. */
class FakeProviderServerTest {

    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(String url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_serve_enqueued_replies_in_order_then_answer_500_naming_the_request() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.text("one"), OpenAiReply.text("two"));

            assertTrue(post(server.baseUrl() + "/chat/completions", CHAT).body().contains("\"content\":\"one\""));
            assertTrue(post(server.baseUrl() + "/chat/completions", CHAT).body().contains("\"content\":\"two\""));
            HttpResponse<String> empty = post(server.baseUrl() + "/chat/completions", CHAT);

            assertEquals(500, empty.statusCode());
            assertTrue(empty.body().contains("no reply enqueued for request #2 POST /v1/chat/completions"), empty.body());
            assertEquals(3, server.requestCount());
            assertEquals(0, server.pendingReplies());
        }
    }

    @Test
    void should_answer_from_the_responder_once_the_queue_is_empty() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.text("queued"));
            server.respondWith(request -> OpenAiReply.text("echo " + request.json().path("messages").get(0).path("content").asText()));

            assertTrue(post(server.baseUrl() + "/chat/completions", CHAT).body().contains("\"content\":\"queued\""));
            assertTrue(post(server.baseUrl() + "/chat/completions", CHAT).body().contains("\"content\":\"echo hi\""));
        }
    }

    @Test
    void should_record_method_path_protocol_headers_and_parsed_body() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.whenEmpty(OpenAiReply.text("ok"));

            post(server.origin() + "/chat/completions?api-version=1", CHAT, "Authorization", "Bearer sk-test", "X-Trace", "t1");

            RecordedRequest sent = server.requests().getFirst();
            assertEquals(0, sent.index());
            assertEquals("POST", sent.method());
            assertEquals("/chat/completions", sent.path());
            assertEquals("api-version=1", sent.query());
            assertEquals("HTTP/1.1", sent.protocol());
            assertEquals("sk-test", sent.bearerToken().orElseThrow());
            assertEquals("t1", sent.header("x-trace").orElseThrow());
            assertEquals(CHAT, sent.body());
            assertEquals("hi", sent.json().path("messages").get(0).path("content").asText());
        }
    }

    @Test
    void should_set_content_length_to_the_utf8_byte_count() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(Reply.raw(200, "héllo ✓"), Reply.raw(200, ""));

            HttpResponse<String> text = post(server.baseUrl() + "/chat/completions", CHAT);
            HttpResponse<String> empty = post(server.baseUrl() + "/chat/completions", CHAT);

            assertEquals("héllo ✓", text.body());
            assertEquals("héllo ✓".getBytes(StandardCharsets.UTF_8).length, text.headers().firstValueAsLong("Content-Length").orElseThrow());
            assertFalse(text.headers().firstValue("Transfer-Encoding").isPresent());
            assertEquals("", empty.body());
            assertEquals(0, empty.headers().firstValueAsLong("Content-Length").orElseThrow());
        }
    }

    @Test
    void should_send_status_replies_with_their_headers() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.error(429, "slow down", "requests", "rate_limit_exceeded", "Retry-After: 1"));

            HttpResponse<String> response = post(server.baseUrl() + "/chat/completions", CHAT);

            assertEquals(429, response.statusCode());
            assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                    response.body());
        }
    }

    @Test
    void should_refuse_requests_the_real_provider_refuses_without_consuming_a_reply() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.text("kept"));

            HttpResponse<String> wrongPath = post(server.baseUrl() + "/v1/chat/completions", CHAT);
            assertEquals(404, wrongPath.statusCode());
            assertTrue(wrongPath.body().contains("no route POST /v1/v1/chat/completions"), wrongPath.body());
            assertEquals(400, post(server.baseUrl() + "/chat/completions", "not json").statusCode());
            assertEquals(400, post(server.baseUrl() + "/chat/completions", "{\"messages\":[]}").statusCode());
            assertEquals(400, post(server.baseUrl() + "/chat/completions", CHAT.replace("}]}", "}],\"stream\":true}")).statusCode());
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());

            assertEquals(1, server.pendingReplies());
            assertEquals(5, server.requestCount(), "refused requests are recorded too");
        }
    }

    @Test
    void should_refuse_an_anthropic_request_without_api_key_or_version_like_the_real_api() throws Exception {
        try (FakeAnthropicServer server = FakeAnthropicServer.start()) {
            String body = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            server.whenEmpty(AnthropicReply.text("ok"));

            HttpResponse<String> noKey = post(server.baseUrl() + "/messages", body, "anthropic-version", "2023-06-01");
            HttpResponse<String> noVersion = post(server.baseUrl() + "/messages", body, "x-api-key", "k");
            HttpResponse<String> noMaxTokens = post(server.baseUrl() + "/messages", body.replace("\"max_tokens\":10,", ""),
                    "x-api-key", "k", "anthropic-version", "2023-06-01");
            HttpResponse<String> ok = post(server.baseUrl() + "/messages", body, "x-api-key", "k", "anthropic-version", "2023-06-01");

            assertEquals(401, noKey.statusCode());
            assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x-api-key header is required\"}}",
                    noKey.body());
            assertEquals(400, noVersion.statusCode());
            assertTrue(noMaxTokens.body().contains("max_tokens: Field required"), noMaxTokens.body());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"stop_reason\":\"end_turn\""), ok.body());
        }
    }

    @Test
    void should_refuse_an_ollama_request_that_does_not_turn_streaming_off() throws Exception {
        try (FakeOllamaServer server = FakeOllamaServer.start()) {
            server.whenEmpty(OllamaReply.text("ok"));

            HttpResponse<String> streaming = post(server.baseUrl() + "/api/chat", "{\"model\":\"m\",\"messages\":[]}");
            HttpResponse<String> ok = post(server.baseUrl() + "/api/chat", "{\"model\":\"m\",\"messages\":[],\"stream\":false}");

            assertEquals(400, streaming.statusCode());
            assertTrue(streaming.body().startsWith("{\"error\":"), streaming.body());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"done\":true"), ok.body());
        }
    }

    @Test
    void should_hold_a_delayed_reply_back_until_the_client_gives_up() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(Reply.delay(Duration.ofSeconds(5), OpenAiReply.text("late")));
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofMillis(200)).POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();

            assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void should_close_the_connection_without_an_answer_when_told_to_drop_it() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(Reply.drop());
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();

            java.io.IOException dropped = assertThrows(java.io.IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
            assertFalse(dropped instanceof HttpTimeoutException, "closed at once, not timed out: " + dropped);
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void should_close_promptly_while_a_delayed_reply_is_in_flight() throws Exception {
        FakeOpenAiServer server = FakeOpenAiServer.start();
        CountDownLatch received = new CountDownLatch(1);
        server.respondWith(request -> {
            received.countDown();
            return Reply.delay(Duration.ofMinutes(1), OpenAiReply.text("never"));
        });
        var pending = client.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(received.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        server.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        pending.cancel(true);
    }

    @Test
    void should_serve_requests_concurrently() throws Exception {
        int clients = 8;
        try (FakeOpenAiServer server = FakeOpenAiServer.start();
             ExecutorService callers = Executors.newFixedThreadPool(clients)) {
            CountDownLatch allArrived = new CountDownLatch(clients);
            server.respondWith(request -> {
                allArrived.countDown();
                try {
                    // every handler waits for all the others: passes only if they run at once
                    if (!allArrived.await(10, TimeUnit.SECONDS)) return Reply.raw(500, "not concurrent");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return OpenAiReply.text("ok");
            });

            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                responses.add(callers.submit(() -> post(server.baseUrl() + "/chat/completions", CHAT)));
            }

            for (Future<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get(20, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(clients, server.requestCount());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), server.requests().stream().map(RecordedRequest::index).toList());
        }
    }

    @Test
    void should_answer_500_with_the_cause_when_a_reply_cannot_be_built() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> {
                throw new IllegalStateException("script bug");
            });

            HttpResponse<String> response = post(server.baseUrl() + "/chat/completions", CHAT);

            assertEquals(500, response.statusCode());
            assertTrue(response.body().contains("script bug"), response.body());
        }
    }

    @Test
    void should_reject_malformed_fixtures_when_they_are_written() {
        assertThrows(IllegalArgumentException.class, () -> Reply.status(429, "{}", "Retry-After 1"));
        assertThrows(IllegalArgumentException.class, () -> Reply.status(200, "{}", "Content-Length: 3"));
        assertThrows(IllegalArgumentException.class, () -> Reply.raw(99, ""));
        assertThrows(IllegalArgumentException.class, () -> AnthropicReply.toolUse(ToolCallSpec.call("toolu_1", "t", "{bad")));
        assertThrows(IllegalArgumentException.class, () -> OllamaReply.toolCalls(ToolCallSpec.withoutId("t", "[1]")));
        assertThrows(IllegalArgumentException.class, () -> OpenAiReply.toolCalls(ToolCallSpec.withoutId("t", "{}")));
        assertThrows(IllegalArgumentException.class, () -> OpenAiReply.text("x").usage(-1, 0));
    }
}
