package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * A loopback server speaking Ollama's native chat protocol, non-streaming only:
 * {@code POST /api/chat}. Ollama streams unless the request says {@code "stream": false}, so a
 * request that does not say so is refused (400) rather than answered in the wrong shape.
 */
public final class FakeOllamaServer extends FakeProviderServer {

    private FakeOllamaServer() {
        super(Set.of("/api/chat"));
    }

    public static FakeOllamaServer start() {
        return new FakeOllamaServer();
    }

    /** {@code http://127.0.0.1:PORT}, no path: the Ollama client appends {@code /api/chat}. */
    @Override
    public String baseUrl() {
        return origin();
    }

    /** {@code {"error":".."}}. */
    static String ollamaErrorBody(String message) {
        ObjectNode body = object();
        body.put("error", message);
        return write(body);
    }

    @Override
    String errorBody(String type, String message) {
        return ollamaErrorBody(message);
    }

    @Override
    Optional<String> apiKey(RecordedRequest request) {
        return request.bearerToken();
    }

    @Override
    Optional<Reply> reject(RecordedRequest request) {
        JsonNode body = request.json();
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return Optional.of(error(400, "invalid_request_error", "model is required"));
        }
        if (!body.path("stream").isBoolean() || body.path("stream").asBoolean()) {
            return Optional.of(error(400, "invalid_request_error",
                    "FakeOllamaServer does not stream; send \"stream\": false (Ollama streams when it is absent)"));
        }
        return Optional.empty();
    }
}
