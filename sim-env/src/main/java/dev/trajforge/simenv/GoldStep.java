package dev.trajforge.simenv;

import dev.trajforge.simenv.tools.ToolSide;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step of a gold plan: who makes the call (the agent, or the user on a user-side tool), the call,
 * where each argument's value comes from, and whether the policy wants the user's explicit
 * confirmation before it is made.
 */
public record GoldStep(ToolSide requestor, ToolCall call, Map<String, ArgumentSource> sources, boolean confirm) {
    /** Where an argument's value comes from. */
    public enum ArgumentSource {
        /** something the user says (their identity, their request's details) */
        USER,
        /** a value an earlier tool result showed */
        RESULT,
        /** neither: a value of the domain itself (a reason code, a fixed option) */
        CONSTANT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public GoldStep {
        Objects.requireNonNull(requestor, "requestor");
        Objects.requireNonNull(call, "call");
        sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** An agent's step whose argument sources are not recorded. */
    public static GoldStep agent(ToolCall call, boolean confirm) {
        return new GoldStep(ToolSide.AGENT, call, Map.of(), confirm);
    }
}
