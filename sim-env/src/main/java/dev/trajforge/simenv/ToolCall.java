package dev.trajforge.simenv;

import java.util.Objects;

/**
 * One tool call as the model emitted it. {@code argumentsJson} is kept verbatim (even when it is not
 * valid JSON) so the trajectory records exactly what the model said.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "tool call id");
        Objects.requireNonNull(name, "tool call name");
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
