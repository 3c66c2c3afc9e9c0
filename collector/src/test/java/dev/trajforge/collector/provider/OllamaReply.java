package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A successful, non-streaming Ollama chat response ({@code "done": true}). Immutable; each method
 * returns a changed copy. The {@code model} is echoed from the request unless {@linkplain #model
 * set}; the token counts ({@code prompt_eval_count}, {@code eval_count}) are omitted unless set.
 */
public final class OllamaReply implements Reply {

    /** Replies are the same on every run. */
    static final String CREATED_AT = "2026-01-01T00:00:00Z";

    private final String content;
    private final List<ToolCallSpec> toolCalls;
    private final String thinking;
    private final FakeProviderServer.Tokens usage;
    private final String doneReason;
    private final String model;

    private OllamaReply(String content, List<ToolCallSpec> toolCalls, String thinking, FakeProviderServer.Tokens usage,
                        String doneReason, String model) {
        this.content = content;
        this.toolCalls = List.copyOf(toolCalls);
        this.thinking = thinking;
        this.usage = usage;
        this.doneReason = doneReason;
        this.model = model;
    }

    /** An assistant message with this content. */
    public static OllamaReply text(String content) {
        return new OllamaReply(content, List.of(), null, null, null, null);
    }

    /**
     * One assistant message, empty content, with these {@code tool_calls} (several = parallel). The
     * arguments become an object, so they must be a JSON object; the id is sent only when set, as
     * newer Ollama versions do.
     */
    public static OllamaReply toolCalls(ToolCallSpec... calls) {
        if (calls.length == 0) throw new IllegalArgumentException("toolCalls needs at least one call");
        for (ToolCallSpec call : calls) {
            if (!FakeProviderServer.parse(call.arguments(), "arguments of " + call.name()).isObject()) {
                throw new IllegalArgumentException("arguments of " + call.name() + " must be a JSON object: " + call.arguments());
            }
        }
        return new OllamaReply("", List.of(calls), null, null, null, null);
    }

    /** An Ollama-style error: {@code {"error":".."}}, such as 404 {@code model 'x' not found}. */
    public static Reply error(int status, String message, String... headers) {
        return Reply.status(status, FakeOllamaServer.ollamaErrorBody(message), headers);
    }

    /** The same message with this content as well (text next to tool calls). */
    public OllamaReply content(String content) {
        return new OllamaReply(content, toolCalls, thinking, usage, doneReason, model);
    }

    /** {@code message.thinking}, as Ollama sends it for thinking models. */
    public OllamaReply thinking(String thinking) {
        return new OllamaReply(content, toolCalls, thinking, usage, doneReason, model);
    }

    /** {@code prompt_eval_count} and {@code eval_count}. */
    public OllamaReply usage(int promptEvalCount, int evalCount) {
        return new OllamaReply(content, toolCalls, thinking, new FakeProviderServer.Tokens(promptEvalCount, evalCount),
                doneReason, model);
    }

    /** Overrides {@code done_reason} ({@code stop} by default), such as {@code length}. */
    public OllamaReply doneReason(String doneReason) {
        return new OllamaReply(content, toolCalls, thinking, usage, doneReason, model);
    }

    /** Answers with this model name instead of echoing the request's. */
    public OllamaReply model(String model) {
        return new OllamaReply(content, toolCalls, thinking, usage, doneReason, model);
    }

    @Override
    public Response render(RecordedRequest request) {
        return Response.json(200, FakeProviderServer.write(body(request)));
    }

    ObjectNode body(RecordedRequest request) {
        ObjectNode message = FakeProviderServer.object();
        message.put("role", "assistant");
        message.put("content", content);
        if (thinking != null) message.put("thinking", thinking);
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < toolCalls.size(); i++) {
                ToolCallSpec call = toolCalls.get(i);
                ObjectNode json = calls.addObject();
                if (call.id() != null) json.put("id", call.id());
                ObjectNode function = json.putObject("function");
                function.put("index", i);
                function.put("name", call.name());
                JsonNode arguments = FakeProviderServer.parse(call.arguments(), "arguments of " + call.name());
                function.set("arguments", arguments);
            }
        }
        ObjectNode body = FakeProviderServer.object();
        body.put("model", model != null ? model : request.model());
        body.put("created_at", CREATED_AT);
        body.set("message", message);
        body.put("done", true);
        body.put("done_reason", doneReason != null ? doneReason : "stop");
        if (usage != null) {
            body.put("prompt_eval_count", usage.input());
            body.put("eval_count", usage.output());
        }
        return body;
    }
}
