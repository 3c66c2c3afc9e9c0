package dev.trajforge.collector.limit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.Set;

/**
 * A provider model behind its endpoint's limits: every call (each retry too, since this sits inside
 * the retrying model) first waits for a concurrency slot, its estimated tokens and a request token,
 * then settles the token budget with the usage the answer reports, and tells the adaptive
 * concurrency whether the endpoint answered 429.
 *
 * <p>The token estimate is the request's characters / 4 (messages and tool specifications) plus
 * its maximum output tokens when one is set.
 */
public final class RateLimitedChatModel implements ChatModel {
    /**
     * Characters of each tool's parameter schema, by the schema object (compared by identity, held weakly): a run
     * offers the same few tool lists on every call, and writing a schema out to measure it cost more than the rest of
     * the estimate together.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<Object, Integer> SCHEMA_CHARACTERS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().build();
    private final ChatModel delegate;
    private final EndpointLimiter limiter;

    public RateLimitedChatModel(ChatModel delegate, EndpointLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        EndpointLimiter.Permit permit;
        try {
            permit = limiter.acquire(estimateTokens(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitInterruptedException(limiter.endpoint(), e);
        }
        ChatResponse response;
        try {
            response = delegate.chat(request);
        } catch (RuntimeException | Error failure) {
            permit.failed(isRateLimited(failure));
            throw failure;
        }
        TokenUsage usage = response.tokenUsage();
        permit.answered(usage == null ? null : usage.totalTokenCount());
        return response;
    }

    /** Characters / 4 of everything the request sends, plus the most it may generate. */
    long estimateTokens(ChatRequest request) {
        long characters = 0;
        for (ChatMessage message : request.messages()) characters += characters(message);
        if (request.toolSpecifications() != null) {
            for (ToolSpecification tool : request.toolSpecifications()) {
                characters += length(tool.name()) + length(tool.description())
                        + (tool.parameters() == null ? 0 : SCHEMA_CHARACTERS.get(tool.parameters(), schema -> schema.toString().length()));
            }
        }
        Integer maxOutput = request.maxOutputTokens();
        if (maxOutput == null) maxOutput = delegate.defaultRequestParameters().maxOutputTokens();
        return (characters + 3) / 4 + (maxOutput == null ? 0 : maxOutput);
    }

    private static long characters(ChatMessage message) {
        return switch (message) {
            case SystemMessage system -> length(system.text());
            case UserMessage user -> {
                long n = 0;
                for (Content content : user.contents()) if (content instanceof TextContent text) n += length(text.text());
                yield n;
            }
            case AiMessage ai -> {
                long n = length(ai.text()) + length(ai.thinking());
                if (ai.hasToolExecutionRequests()) {
                    for (ToolExecutionRequest call : ai.toolExecutionRequests()) n += length(call.name()) + length(call.arguments());
                }
                yield n;
            }
            case ToolExecutionResultMessage result -> length(result.text());
            default -> 0;
        };
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    /** Whether the endpoint answered 429 (LangChain4j maps it to {@link RateLimitException}, keeping the HTTP error as cause). */
    static boolean isRateLimited(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.statusCode() == 429) return true;
            if (t instanceof RateLimitException) return true;
        }
        return false;
    }

    public EndpointLimiter limiter() {
        return limiter;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
