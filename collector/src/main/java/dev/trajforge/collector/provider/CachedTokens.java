package dev.trajforge.collector.provider;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.trajforge.simenv.CachedTokenUsage;

/**
 * Each provider's usage as one shape ({@link CachedTokenUsage}): every input token counted as input, those read from
 * the prompt cache beside. OpenAI-compatible servers report {@code prompt_tokens} (cached ones included) and
 * {@code prompt_tokens_details.cached_tokens}; Anthropic reports {@code input_tokens} after the cache breakpoints,
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} apart, which are added to the input here.
 */
final class CachedTokens {
    private CachedTokens() {
    }

    static ChatResponse normalized(ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        if (usage == null || usage instanceof CachedTokenUsage) return response;
        CachedTokenUsage normalized = of(usage);
        // generic metadata: a provider's own metadata builder turns any usage back into its own type, details dropped
        return ChatResponse.builder().aiMessage(response.aiMessage())
                .metadata(ChatResponseMetadata.builder().id(response.id()).modelName(response.modelName())
                        .finishReason(response.finishReason()).tokenUsage(normalized).build())
                .build();
    }

    static CachedTokenUsage of(TokenUsage usage) {
        int input = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        Integer output = usage.outputTokenCount();
        return switch (usage) {
            case OpenAiTokenUsage openAi -> new CachedTokenUsage(input, output, openAi.inputTokensDetails() == null
                    || openAi.inputTokensDetails().cachedTokens() == null ? 0 : openAi.inputTokensDetails().cachedTokens());
            case AnthropicTokenUsage anthropic -> {
                int read = anthropic.cacheReadInputTokens() == null ? 0 : anthropic.cacheReadInputTokens();
                int written = anthropic.cacheCreationInputTokens() == null ? 0 : anthropic.cacheCreationInputTokens();
                yield new CachedTokenUsage(input + read + written, output, read);
            }
            default -> new CachedTokenUsage(usage.inputTokenCount(), output, 0);
        };
    }
}
