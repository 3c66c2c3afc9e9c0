package dev.trajforge.simenv;

/**
 * Model usage summed over one role's calls in one episode: {@code promptTokens} counts every input token, those the
 * provider served from its prompt cache ({@code cachedPromptTokens}) included.
 */
public record Usage(int calls, long promptTokens, long completionTokens,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) long cachedPromptTokens) implements java.io.Serializable {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage {
        if (calls < 0 || promptTokens < 0 || completionTokens < 0 || cachedPromptTokens < 0) {
            throw new IllegalArgumentException("usage counts must be >= 0");
        }
    }

    /** Usage without prompt caching. */
    public Usage(int calls, long promptTokens, long completionTokens) {
        this(calls, promptTokens, completionTokens, 0);
    }

    /**
     * One model call's usage, as a response reports it (nothing where it reports none); cached input tokens where the
     * provider's client reported them ({@link CachedTokenUsage}).
     */
    public static Usage ofCall(dev.langchain4j.model.output.TokenUsage tokens) {
        if (tokens == null) return new Usage(1, 0, 0, 0);
        long in = tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        long cached = tokens instanceof CachedTokenUsage c ? Math.min(c.cachedInputTokens(), in) : 0;
        return new Usage(1, in, out, cached);
    }

    public Usage plus(int moreCalls, long morePrompt, long moreCompletion) {
        return new Usage(calls + moreCalls, promptTokens + morePrompt, completionTokens + moreCompletion, cachedPromptTokens);
    }

    public Usage plus(Usage other) {
        return new Usage(calls + other.calls, promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedPromptTokens + other.cachedPromptTokens);
    }
}
