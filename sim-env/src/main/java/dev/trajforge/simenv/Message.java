package dev.trajforge.simenv;

import java.util.List;
import java.util.Objects;

/**
 * One conversation message. Assistant messages may carry {@code toolCalls} (content may then be null);
 * tool messages carry the {@code toolCallId} and {@code name} of the call they answer and whether the
 * tool rejected it. A system message's content is interned: it is the same prompt in every episode of a
 * domain, so messages read back from a journal share one copy, and the exporter sees it is the same
 * string without reading it.
 */
public record Message(Role role, String content, String reasoning, List<ToolCall> toolCalls,
                      String toolCallId, String name, boolean error) {
    public Message {
        Objects.requireNonNull(role, "role");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
            throw new IllegalArgumentException(role.wireName() + " message cannot carry tool calls");
        }
        if (role == Role.TOOL && (toolCallId == null || name == null)) {
            throw new IllegalArgumentException("tool message needs toolCallId and name");
        }
        if (role != Role.TOOL && (toolCallId != null || error)) {
            throw new IllegalArgumentException(role.wireName() + " message cannot answer a tool call");
        }
        if (role != Role.ASSISTANT && content == null) {
            throw new IllegalArgumentException(role.wireName() + " message needs content");
        }
        if (role == Role.SYSTEM) {
            content = content.intern();
        }
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content, null, List.of(), null, null, false);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content, null, List.of(), null, null, false);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content, null, List.of(), null, null, false);
    }

    public static Message assistant(String content, String reasoning, List<ToolCall> toolCalls) {
        return new Message(Role.ASSISTANT, content, reasoning, toolCalls, null, null, false);
    }

    public static Message tool(ToolResult result) {
        return new Message(Role.TOOL, result.content(), null, List.of(), result.callId(), result.name(), result.error());
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
