package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A successful OpenAI chat completion: one choice whose assistant message has text, tool calls or
 * both, optionally {@code reasoning_content} (as vLLM, DeepSeek and Kimi send it) and token usage.
 * Immutable; each method returns a changed copy. The {@code model} is echoed from the request unless
 * {@linkplain #model set}; {@code usage} is omitted unless set, as some compatible servers do.
 */
public final class OpenAiReply implements Reply {

    /** 2026-01-01T00:00:00Z: replies are the same on every run. */
    static final long CREATED = 1_767_225_600L;

    private final String content;
    private final List<ToolCallSpec> toolCalls;
    private final String reasoning;
    private final FakeProviderServer.Tokens usage;
    private final String finishReason;
    private final String model;

    private OpenAiReply(String content, List<ToolCallSpec> toolCalls, String reasoning, FakeProviderServer.Tokens usage,
                        String finishReason, String model) {
        this.content = content;
        this.toolCalls = List.copyOf(toolCalls);
        this.reasoning = reasoning;
        this.usage = usage;
        this.finishReason = finishReason;
        this.model = model;
    }

    /** An assistant message with this text, finish reason {@code stop}. */
    public static OpenAiReply text(String content) {
        return new OpenAiReply(content, List.of(), null, null, null, null);
    }

    /**
     * One assistant message calling these tools (several = parallel calls), content null, finish
     * reason {@code tool_calls}. Arguments are sent verbatim, malformed or not.
     */
    public static OpenAiReply toolCalls(ToolCallSpec... calls) {
        if (calls.length == 0) throw new IllegalArgumentException("toolCalls needs at least one call");
        for (ToolCallSpec call : calls) {
            if (call.id() == null) throw new IllegalArgumentException("OpenAI tool calls need an id: " + call);
        }
        return new OpenAiReply(null, List.of(calls), null, null, null, null);
    }

    /**
     * An OpenAI-style error: {@code {"error":{"message","type","param":null,"code"}}}.
     *
     * @param code    such as {@code rate_limit_exceeded}; may be null
     * @param headers extra headers as {@code "Name: value"}, such as {@code "Retry-After: 1"}
     */
    public static Reply error(int status, String message, String type, String code, String... headers) {
        return Reply.status(status, FakeOpenAiServer.errorBody(type, message, code), headers);
    }

    /** The same message with this text as well (text next to tool calls). */
    public OpenAiReply content(String content) {
        return new OpenAiReply(content, toolCalls, reasoning, usage, finishReason, model);
    }

    /** {@code message.reasoning_content}. */
    public OpenAiReply reasoning(String reasoningContent) {
        return new OpenAiReply(content, toolCalls, reasoningContent, usage, finishReason, model);
    }

    /** {@code usage} with these counts, {@code cachedTokens} of the prompt served from the server's prompt cache. */
    public OpenAiReply usage(int promptTokens, int completionTokens, int cachedTokens) {
        return new OpenAiReply(content, toolCalls, reasoning, new FakeProviderServer.Tokens(promptTokens, completionTokens, cachedTokens),
                finishReason, model);
    }

    /** {@code usage} with these counts; {@code total_tokens} is their sum. */
    public OpenAiReply usage(int promptTokens, int completionTokens) {
        return new OpenAiReply(content, toolCalls, reasoning, new FakeProviderServer.Tokens(promptTokens, completionTokens),
                finishReason, model);
    }

    /** Overrides the finish reason, such as {@code length} or {@code content_filter}. */
    public OpenAiReply finishReason(String finishReason) {
        return new OpenAiReply(content, toolCalls, reasoning, usage, finishReason, model);
    }

    /** Answers with this model name instead of echoing the request's. */
    public OpenAiReply model(String model) {
        return new OpenAiReply(content, toolCalls, reasoning, usage, finishReason, model);
    }

    @Override
    public Response render(RecordedRequest request) {
        return Response.json(200, FakeProviderServer.write(body(request)));
    }

    ObjectNode body(RecordedRequest request) {
        ObjectNode message = FakeProviderServer.object();
        message.put("role", "assistant");
        message.put("content", content);
        if (reasoning != null) message.put("reasoning_content", reasoning);
        if (!toolCalls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCallSpec call : toolCalls) {
                ObjectNode json = calls.addObject();
                json.put("id", call.id());
                json.put("type", "function");
                ObjectNode function = json.putObject("function");
                function.put("name", call.name());
                function.put("arguments", call.arguments());
            }
        }
        ObjectNode choice = FakeProviderServer.object();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason != null ? finishReason : toolCalls.isEmpty() ? "stop" : "tool_calls");

        ObjectNode body = FakeProviderServer.object();
        body.put("id", "chatcmpl-fake-" + request.index());
        body.put("object", "chat.completion");
        body.put("created", CREATED);
        body.put("model", model != null ? model : request.model());
        body.putArray("choices").add(choice);
        if (usage != null) {
            ObjectNode counts = body.putObject("usage");
            counts.put("prompt_tokens", usage.input());
            counts.put("completion_tokens", usage.output());
            counts.put("total_tokens", usage.input() + usage.output());
            if (usage.cached() > 0) counts.putObject("prompt_tokens_details").put("cached_tokens", usage.cached()); // included in prompt_tokens
        }
        return body;
    }
}
