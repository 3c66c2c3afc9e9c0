package dev.trajforge.simenv;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's side of a task: who they are and how they talk, what they know about themselves
 * ({@code knownInfo}: identity facts such as an email address, given only when asked), what they
 * want (one request, or two for a compound task), what they do not know, and the whole goal as
 * instructions for an LLM user simulator.
 */
public record UserScenario(String name, Style style, Map<String, String> knownInfo,
                           List<UserRequest> requests, List<String> unknownInfo, String instructions) {
    public UserScenario {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("user name is blank");
        java.util.Objects.requireNonNull(style, "style");
        knownInfo = java.util.Collections.unmodifiableMap(new TreeMap<>(knownInfo));
        requests = List.copyOf(requests);
        if (requests.isEmpty()) throw new IllegalArgumentException("a scenario needs at least one request");
        unknownInfo = unknownInfo == null ? List.of() : List.copyOf(unknownInfo);
        if (instructions == null || instructions.isBlank()) throw new IllegalArgumentException("instructions are blank");
    }
}
