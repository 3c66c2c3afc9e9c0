package dev.trajforge.simenv;

import java.util.Objects;

/** What the environment answered to one {@link ToolCall}; {@code error} results are shown to the agent too. */
public record ToolResult(String callId, String name, String content, boolean error) {
    public ToolResult {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    public static ToolResult ok(ToolCall call, String content) {
        return new ToolResult(call.id(), call.name(), content, false);
    }

    public static ToolResult error(ToolCall call, String message) {
        return new ToolResult(call.id(), call.name(), "Error: " + message, true);
    }
}
