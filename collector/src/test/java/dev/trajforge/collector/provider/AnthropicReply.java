package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A successful Anthropic message: content blocks in the order Claude sends them (thinking, text,
 * tool_use...), a stop reason and usage. Immutable; each method returns a changed copy. The
 * {@code model} is echoed from the request unless {@linkplain #model set}; {@code usage} is
 * {@code 0/0} unless set (the real API always sends it).
 */
public final class AnthropicReply implements Reply {

    private final String thinking;
    private final String signature;
    private final String text;
    private final List<ToolCallSpec> toolUses;
    private final FakeProviderServer.Tokens usage;
    private final String stopReason;
    private final String model;

    private AnthropicReply(String thinking, String signature, String text, List<ToolCallSpec> toolUses,
                           FakeProviderServer.Tokens usage, String stopReason, String model) {
        this.thinking = thinking;
        this.signature = signature;
        this.text = text;
        this.toolUses = List.copyOf(toolUses);
        this.usage = usage;
        this.stopReason = stopReason;
        this.model = model;
    }

    /** One text block, stop reason {@code end_turn}. */
    public static AnthropicReply text(String text) {
        return new AnthropicReply(null, null, text, List.of(), new FakeProviderServer.Tokens(0, 0), null, null);
    }

    /**
     * One {@code tool_use} block per call (several = parallel calls), stop reason {@code tool_use}.
     * Arguments become the block's {@code input} object, so they must be a JSON object.
     */
    public static AnthropicReply toolUse(ToolCallSpec... calls) {
        if (calls.length == 0) throw new IllegalArgumentException("toolUse needs at least one call");
        for (ToolCallSpec call : calls) {
            if (call.id() == null) throw new IllegalArgumentException("Anthropic tool_use blocks need an id: " + call);
            if (!FakeProviderServer.parse(call.arguments(), "input of tool_use " + call.name()).isObject()) {
                throw new IllegalArgumentException("input of tool_use " + call.name() + " must be a JSON object: " + call.arguments());
            }
        }
        return new AnthropicReply(null, null, null, List.of(calls), new FakeProviderServer.Tokens(0, 0), null, null);
    }

    /**
     * An Anthropic-style error: {@code {"type":"error","error":{"type","message"}}}.
     *
     * @param type    such as {@code rate_limit_error}, {@code authentication_error}, {@code overloaded_error}
     * @param headers extra headers as {@code "Name: value"}, such as {@code "Retry-After: 1"}
     */
    public static Reply error(int status, String type, String message, String... headers) {
        return Reply.status(status, FakeAnthropicServer.anthropicErrorBody(type, message), headers);
    }

    /** A leading {@code thinking} block with this signature. */
    public AnthropicReply thinking(String thinking, String signature) {
        if (thinking == null || signature == null) throw new IllegalArgumentException("thinking and signature are both required");
        return new AnthropicReply(thinking, signature, text, toolUses, usage, stopReason, model);
    }

    /** A text block before any tool_use blocks. */
    public AnthropicReply content(String text) {
        return new AnthropicReply(thinking, signature, text, toolUses, usage, stopReason, model);
    }

    /** {@code usage}: {@code input_tokens} after the cache breakpoints, {@code cacheReadTokens} read from the prompt cache. */
    public AnthropicReply usage(int inputTokens, int outputTokens, int cacheReadTokens) {
        return new AnthropicReply(thinking, signature, text, toolUses, new FakeProviderServer.Tokens(inputTokens, outputTokens, cacheReadTokens),
                stopReason, model);
    }

    public AnthropicReply usage(int inputTokens, int outputTokens) {
        return new AnthropicReply(thinking, signature, text, toolUses, new FakeProviderServer.Tokens(inputTokens, outputTokens),
                stopReason, model);
    }

    /** Overrides the stop reason, such as {@code max_tokens} or {@code refusal}. */
    public AnthropicReply stopReason(String stopReason) {
        return new AnthropicReply(thinking, signature, text, toolUses, usage, stopReason, model);
    }

    /** Answers with this model name instead of echoing the request's. */
    public AnthropicReply model(String model) {
        return new AnthropicReply(thinking, signature, text, toolUses, usage, stopReason, model);
    }

    @Override
    public Response render(RecordedRequest request) {
        return Response.json(200, FakeProviderServer.write(body(request)));
    }

    ObjectNode body(RecordedRequest request) {
        ObjectNode body = FakeProviderServer.object();
        body.put("id", "msg_fake_" + request.index());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", model != null ? model : request.model());
        ArrayNode content = body.putArray("content");
        if (thinking != null) {
            ObjectNode block = content.addObject();
            block.put("type", "thinking");
            block.put("thinking", thinking);
            block.put("signature", signature);
        }
        if (text != null) {
            ObjectNode block = content.addObject();
            block.put("type", "text");
            block.put("text", text);
        }
        for (ToolCallSpec call : toolUses) {
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            block.put("id", call.id());
            block.put("name", call.name());
            JsonNode input = FakeProviderServer.parse(call.arguments(), "input of tool_use " + call.name());
            block.set("input", input);
        }
        body.put("stop_reason", stopReason != null ? stopReason : toolUses.isEmpty() ? "end_turn" : "tool_use");
        body.putNull("stop_sequence");
        ObjectNode counts = body.putObject("usage");
        counts.put("input_tokens", usage.input());
        counts.put("output_tokens", usage.output());
        if (usage.cached() > 0) counts.put("cache_read_input_tokens", usage.cached()); // beside input_tokens, which excludes it
        return body;
    }
}
