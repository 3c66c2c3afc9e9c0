package dev.trajforge.collector.provider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FakeProviderServer} answers to one request. Protocol successes come from
 * {@link OpenAiReply}, {@link AnthropicReply} and {@link OllamaReply}; failures and oddities from the
 * factories here.
 */
@FunctionalInterface
public interface Reply {

    /** The response to send for {@code request}. */
    Response render(RecordedRequest request);

    /**
     * A response about to be written.
     *
     * @param status  HTTP status, 200..599
     * @param headers response headers in order; {@code Content-Length} is always computed by the server
     * @param body    body, sent as UTF-8; empty for none
     * @param delay   how long the server waits before answering, for client timeouts; zero for none
     * @param dropped close the connection without answering (status, headers and body are not sent)
     */
    record Response(int status, Map<String, String> headers, String body, Duration delay, boolean dropped) {
        public Response(int status, Map<String, String> headers, String body, Duration delay) {
            this(status, headers, body, delay, false);
        }

        public Response {
            if (status < 200 || status > 599) throw new IllegalArgumentException("HTTP status must be 200..599, got " + status);
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            Objects.requireNonNull(body, "body");
            if (delay.isNegative()) throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }

        static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        byte[] bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        Response withDelay(Duration extra) {
            return new Response(status, headers, body, delay.plus(extra), dropped);
        }
    }

    /**
     * A JSON response with any status, such as an error the provider would send.
     *
     * @param headers extra headers as {@code "Name: value"}, such as {@code "Retry-After: 1"}
     */
    static Reply status(int code, String jsonBody, String... headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(parseHeaders(headers));
        Response response = new Response(code, all, jsonBody, Duration.ZERO);
        return request -> response;
    }

    /**
     * Exactly this status and body, with no {@code Content-Type} unless given: for garbage a
     * client must survive.
     *
     * @param headers extra headers as {@code "Name: value"}
     */
    static Reply raw(int status, String body, String... headers) {
        Response response = new Response(status, parseHeaders(headers), body, Duration.ZERO);
        return request -> response;
    }

    /** No answer at all: the server reads the request and closes the connection, as a crashed server or a proxy dropping it. */
    static Reply drop() {
        Response response = new Response(502, Map.of(), "", Duration.ZERO, true);
        return request -> response;
    }

    /** {@code reply}, after the server has slept for {@code delay}: makes clients time out. */
    static Reply delay(Duration delay, Reply reply) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        Objects.requireNonNull(reply, "reply");
        return request -> reply.render(request).withDelay(delay);
    }

    private static Map<String, String> parseHeaders(String... headers) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("header must read 'Name: value', got '" + header + "'");
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                throw new IllegalArgumentException("Content-Length is computed by the server; do not set it");
            }
            parsed.put(name, header.substring(colon + 1).trim());
        }
        return parsed;
    }
}
