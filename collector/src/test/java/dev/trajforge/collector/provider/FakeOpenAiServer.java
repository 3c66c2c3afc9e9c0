package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * A loopback server speaking the OpenAI chat-completions protocol (non-streaming), as OpenAI, vLLM,
 * SGLang, LM Studio and DeepSeek do: {@code POST /v1/chat/completions}, also at
 * {@code /chat/completions} for clients whose base URL has no {@code /v1}.
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
 *     server.enqueue(OpenAiReply.toolCalls(ToolCallSpec.call("call_1", "get_order", "{\"order_id\":\"#W1\"}")),
 *                    OpenAiReply.text("Your order is on its way.").usage(120, 9));
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key").modelName("m").build();
 *     ...
 * }
 * }</pre>
 */
public final class FakeOpenAiServer extends FakeProviderServer {

    private FakeOpenAiServer() {
        super(Set.of("/v1/chat/completions", "/chat/completions"));
    }

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    @Override
    public String baseUrl() {
        return origin() + "/v1";
    }

    /** {@code {"error":{"message":..,"type":..,"param":null,"code":..}}}, {@code code} may be null. */
    static String errorBody(String type, String message, String code) {
        ObjectNode error = object();
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) error.putNull("code");
        else error.put("code", code);
        ObjectNode body = object();
        body.set("error", error);
        return write(body);
    }

    @Override
    String errorBody(String type, String message) {
        return errorBody(type, message, null);
    }

    @Override
    Optional<String> apiKey(RecordedRequest request) {
        return request.bearerToken();
    }

    @Override
    Optional<Reply> reject(RecordedRequest request) {
        JsonNode body = request.json();
        if (!body.path("model").isTextual()) {
            return Optional.of(error(400, "invalid_request_error", "you must provide a model parameter"));
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return Optional.of(error(400, "invalid_request_error", "'messages' must be a non-empty array"));
        }
        if (body.path("stream").asBoolean(false)) {
            return Optional.of(error(400, "invalid_request_error", "FakeOpenAiServer does not stream; use a non-streaming client"));
        }
        return Optional.empty();
    }
}
