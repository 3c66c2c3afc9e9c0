package dev.trajforge.simenv;

import java.util.Objects;

/**
 * A call the simulated user made with a tool on their own side (dual control: a phone's settings, a
 * speed test), and what the tool answered. {@code message} is the index in the trajectory's messages of
 * the user message of the turn in which the user made the call: the call happened before that message
 * was written. The agent never sees these calls, only what the user tells it; they are not training
 * targets for the agent.
 */
public record UserToolCall(int message, ToolCall call, String result, boolean error) {
    public UserToolCall {
        if (message < 0) throw new IllegalArgumentException("message index must be >= 0, got " + message);
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(result, "result");
    }

    public static UserToolCall of(int message, ToolResult result, ToolCall call) {
        if (!result.callId().equals(call.id())) throw new IllegalArgumentException("result " + result.callId() + " answers another call than " + call.id());
        return new UserToolCall(message, call, result.content(), result.error());
    }
}
