package dev.trajforge.simenv;

import dev.langchain4j.model.output.TokenUsage;

/**
 * Token usage with the input tokens a provider served from its prompt cache, the same for every provider:
 * {@code inputTokenCount} counts every input token (cached ones included), {@code cachedInputTokens} those read from
 * the cache. The collector turns each provider's own usage (OpenAI's {@code prompt_tokens_details.cached_tokens},
 * Anthropic's {@code cache_read_input_tokens} beside {@code input_tokens}) into this, so the roles count alike.
 */
public final class CachedTokenUsage extends TokenUsage {
    private final int cachedInputTokens;

    public CachedTokenUsage(Integer inputTokens, Integer outputTokens, int cachedInputTokens) {
        super(inputTokens, outputTokens);
        if (cachedInputTokens < 0) throw new IllegalArgumentException("cached input tokens must be >= 0, got " + cachedInputTokens);
        this.cachedInputTokens = cachedInputTokens;
    }

    public int cachedInputTokens() {
        return cachedInputTokens;
    }

    @Override
    public String toString() {
        return "CachedTokenUsage{input=" + inputTokenCount() + ", output=" + outputTokenCount() + ", cachedInput=" + cachedInputTokens + "}";
    }
}
