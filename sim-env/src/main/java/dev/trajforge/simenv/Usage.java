package dev.trajforge.simenv;

/** Model usage summed over one role's calls in one episode. */
public record Usage(int calls, long promptTokens, long completionTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (calls < 0 || promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("usage counts must be >= 0");
        }
    }

    public Usage plus(int moreCalls, long morePrompt, long moreCompletion) {
        return new Usage(calls + moreCalls, promptTokens + morePrompt, completionTokens + moreCompletion);
    }

    public Usage plus(Usage other) {
        return plus(other.calls, other.promptTokens, other.completionTokens);
    }
}
