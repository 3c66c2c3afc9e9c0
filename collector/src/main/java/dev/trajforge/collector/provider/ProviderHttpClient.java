package dev.trajforge.collector.provider;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP client every provider model uses: the JDK client pinned to HTTP/1.1 (the JDK's default
 * sends {@code Upgrade: h2c}, which vLLM and LM Studio answer with 400), and errors that keep their
 * status and {@code Retry-After} so the pipeline can classify and pace its retries. Non-streaming.
 */
final class ProviderHttpClient implements HttpClient {
    /** {@code "choices": [ {} } opening: a completion with at least one choice (choices never hide inside content). */
    private static final java.util.regex.Pattern A_CHOICE = java.util.regex.Pattern.compile("\"choices\"\\s*:\\s*\\[\\s*\\{");
    private final java.net.http.HttpClient client;
    private final Duration readTimeout;

    /**
     * One JDK client per connect timeout for the whole process: every role and model shares its connection pool and
     * selector thread (a client per model kept a pool and a selector thread each, and connections of one endpoint
     * apart per role). The read timeout is per request.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Duration, java.net.http.HttpClient> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private ProviderHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.client = SHARED.computeIfAbsent(connectTimeout, timeout -> java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build());
        this.readTimeout = readTimeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        switch (request.method()) {
            case GET -> builder.GET();
            case DELETE -> builder.DELETE();
            case POST -> builder.POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    request.body() == null ? "" : request.body(), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new ProviderConnectionException(request.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderConnectionException(request.url(), e);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ProviderHttpException(status, body, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        requireAnswer(request.url(), status, response.headers().firstValue("Content-Type").orElse(null), body);
        return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map()).body(body).build();
    }

    /**
     * Refuses a success whose body holds no answer, before the provider's client reads it: every chat
     * protocol answers with a JSON object (a proxy's HTML page is {@code malformed_response}), and an
     * OpenAI-style completion has at least one choice ({@code choices: []} is {@code empty_response}).
     */
    static void requireAnswer(String url, int status, String contentType, String body) {
        String trimmed = body.strip();
        String what = "HTTP " + status + (contentType == null ? "" : " (" + contentType + ")");
        if (trimmed.isEmpty()) throw new ProviderReplyException(ProviderReplyException.MALFORMED_RESPONSE, what + " with an empty body");
        if (trimmed.charAt(0) != '{') {
            throw ProviderReplyException.of(ProviderReplyException.MALFORMED_RESPONSE, what + " whose body is not a JSON object", trimmed);
        }
        if (url.endsWith("/chat/completions") && !A_CHOICE.matcher(body).find()) {
            throw ProviderReplyException.of(ProviderReplyException.EMPTY_RESPONSE, what + " with no choices", trimmed);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("trajforge calls models without streaming");
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) return null;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** Builder handed to LangChain4j's model builders. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(connectTimeout, readTimeout);
        }
    }

    /** The server could not be reached or the connection broke (refused, reset). Transient. */
    static final class ProviderConnectionException extends HttpException {
        ProviderConnectionException(String url, Exception cause) {
            super(0, "cannot reach " + url + ": " + cause);
            initCause(cause);
        }
    }
}
