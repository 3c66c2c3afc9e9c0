package dev.trajforge.simenv.faults;

import java.util.Locale;

/**
 * A fault the environment injects into one tool call, as real services fail: the call is refused and not
 * processed ({@link #TRANSIENT}, {@link #TIMEOUT}, {@link #RATE_LIMITED}; the same call succeeds when
 * retried), or a read answers with part of its result ({@link #PARTIAL}) or from a cache that predates the
 * episode's last change ({@link #STALE}); a second read answers in full and up to date.
 * Each is worded the way the agent sees it, so an agent (scripted or a model) can tell it should retry.
 */
public enum FaultKind {
    TRANSIENT("temporary failure in the service (503). The request was not processed; retrying usually works."),
    TIMEOUT("the request timed out and was not processed. Please retry."),
    RATE_LIMITED("too many requests (429). The request was not processed; retry in a moment."),
    PARTIAL("[partial result: the service returned only part of the response; call again for the complete result]"),
    STALE("[cached result from before your latest change; read again for the current state]");

    private final String message;

    FaultKind(String message) {
        this.message = message;
    }

    /** What the agent sees: the error (after {@code Error: }, as every error result starts), or the marker after a cut result. */
    public String message() {
        return message;
    }

    /** Whether the call was refused without being processed (so nothing changed and a retry is safe). */
    public boolean refused() {
        return this != PARTIAL && this != STALE;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FaultKind fromWire(String name) {
        for (FaultKind kind : values()) if (kind.wireName().equals(name)) return kind;
        throw new IllegalArgumentException("unknown fault '" + name + "' (known: transient, timeout, rate_limited, partial, stale)");
    }

    /** The fault a tool result reports, if it is one of these (what a recovering agent looks for). */
    public static java.util.Optional<FaultKind> of(String toolResult) {
        if (toolResult == null) return java.util.Optional.empty();
        for (FaultKind kind : values()) {
            if (kind.refused() ? toolResult.startsWith("Error: " + kind.message) : toolResult.endsWith(kind.message)) return java.util.Optional.of(kind);
        }
        return java.util.Optional.empty();
    }
}
