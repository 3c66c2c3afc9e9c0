package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * A loopback server speaking the Anthropic messages protocol (non-streaming):
 * {@code POST /v1/messages}. Like the real API it refuses a request without an {@code x-api-key} (401)
 * or an {@code anthropic-version} header (400), or without {@code model}, {@code max_tokens} or
 * {@code messages} (400); both headers are recorded with the request.
 */
public final class FakeAnthropicServer extends FakeProviderServer {

    private FakeAnthropicServer() {
        super(Set.of("/v1/messages"));
    }

    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    @Override
    public String baseUrl() {
        return origin() + "/v1";
    }

    /** {@code {"type":"error","error":{"type":..,"message":..}}}. */
    static String anthropicErrorBody(String type, String message) {
        ObjectNode error = object();
        error.put("type", type);
        error.put("message", message);
        ObjectNode body = object();
        body.put("type", "error");
        body.set("error", error);
        return write(body);
    }

    @Override
    String errorBody(String type, String message) {
        return anthropicErrorBody(type, message);
    }

    @Override
    Optional<String> apiKey(RecordedRequest request) {
        return request.header("x-api-key");
    }

    @Override
    Optional<Reply> reject(RecordedRequest request) {
        if (request.header("x-api-key").filter(key -> !key.isBlank()).isEmpty()) {
            return Optional.of(error(401, "authentication_error", "x-api-key header is required"));
        }
        if (request.header("anthropic-version").filter(version -> !version.isBlank()).isEmpty()) {
            return Optional.of(error(400, "invalid_request_error", "anthropic-version: header is required"));
        }
        JsonNode body = request.json();
        for (String field : new String[]{"model", "max_tokens", "messages"}) {
            if (body.path(field).isMissingNode() || body.path(field).isNull()) {
                return Optional.of(error(400, "invalid_request_error", field + ": Field required"));
            }
        }
        if (body.path("stream").asBoolean(false)) {
            return Optional.of(error(400, "invalid_request_error", "FakeAnthropicServer does not stream; use a non-streaming client"));
        }
        return Optional.empty();
    }
}
