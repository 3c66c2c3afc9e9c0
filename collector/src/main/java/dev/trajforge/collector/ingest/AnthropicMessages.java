package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages API messages into a session, shared by {@code anthropic} and {@code claude-code}.
 * An assistant message becomes one assistant message: its {@code text} blocks joined as content, its
 * {@code thinking} blocks as reasoning, its {@code tool_use} blocks (input object kept as arguments)
 * as calls; {@code redacted_thinking} carries no readable text and adds nothing. A user message becomes,
 * in block order, tool messages for its {@code tool_result} blocks ({@code is_error} kept) and user
 * messages for runs of {@code text} blocks. Any other block (images, documents, server tools) is rejected.
 */
final class AnthropicMessages {
    private AnthropicMessages() {
    }

    /** {@code system} as a string or text blocks; absent adds nothing. */
    static void system(JsonNode system, SessionBuilder session) {
        if (system == null || system.isNull()) return;
        session.system(text(system, "system"));
    }

    static void message(JsonNode message, SessionBuilder session) {
        Json.object(message, "a message");
        String role = Json.requiredText(message, "role", "a message");
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) throw new Reject(role + " message has no content");
        switch (role) {
            case "user" -> user(content, session);
            case "assistant" -> assistant(content, session);
            default -> throw new Reject("unknown role '" + role + "'");
        }
    }

    private static void user(JsonNode content, SessionBuilder session) {
        if (content.isTextual()) {
            session.user(content.textValue());
            return;
        }
        if (!content.isArray()) throw new Reject("wrong type: content must be a string or a list");
        StringBuilder text = null;
        for (JsonNode block : content) {
            String type = type(block);
            switch (type) {
                case "text" -> {
                    text = text == null ? new StringBuilder() : text.append("\n\n");
                    text.append(Json.requiredText(block, "text", "a text block"));
                }
                case "tool_result" -> {
                    if (text != null) session.user(text.toString());
                    text = null;
                    String id = Json.text(block, "tool_use_id");
                    JsonNode result = block.get("content");
                    session.toolResult(id, result == null || result.isNull() ? "" : text(result, "content of tool result '" + id + "'"),
                            Json.bool(block, "is_error"));
                }
                default -> throw new Reject("unsupported content block '" + type + "'");
            }
        }
        if (text != null) session.user(text.toString());
    }

    private static void assistant(JsonNode content, SessionBuilder session) {
        if (content.isTextual()) {
            session.assistant(content.textValue(), null, List.of());
            return;
        }
        if (!content.isArray()) throw new Reject("wrong type: content must be a string or a list");
        StringBuilder text = null;
        StringBuilder reasoning = null;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            String type = type(block);
            switch (type) {
                case "text" -> {
                    text = text == null ? new StringBuilder() : text.append("\n\n");
                    text.append(Json.requiredText(block, "text", "a text block"));
                }
                case "thinking" -> {
                    reasoning = reasoning == null ? new StringBuilder() : reasoning.append("\n\n");
                    reasoning.append(Json.requiredText(block, "thinking", "a thinking block"));
                }
                case "redacted_thinking" -> { } // encrypted: nothing readable to keep
                case "tool_use" -> {
                    String id = Json.text(block, "id");
                    JsonNode input = block.get("input");
                    if (input != null && !input.isNull() && !input.isObject()) {
                        throw new Reject("wrong type: input of tool_use '" + id + "' must be an object");
                    }
                    calls.add(SessionBuilder.callWithArguments(id, Json.text(block, "name"), input));
                }
                default -> throw new Reject("unsupported content block '" + type + "'");
            }
        }
        session.assistant(text == null ? null : text.toString(), reasoning == null ? null : reasoning.toString(), calls);
    }

    private static String type(JsonNode block) {
        Json.object(block, "a content block");
        return Json.requiredText(block, "type", "a content block");
    }

    /** A string, or text blocks joined. */
    private static String text(JsonNode value, String what) {
        if (value.isTextual()) return value.textValue();
        if (!value.isArray()) throw new Reject("wrong type: " + what + " must be a string or a list");
        StringBuilder text = new StringBuilder();
        for (JsonNode block : value) {
            String type = type(block);
            if (!type.equals("text")) throw new Reject("unsupported content block '" + type + "' in " + what);
            if (!text.isEmpty()) text.append("\n\n");
            text.append(Json.requiredText(block, "text", "a text block"));
        }
        return text.toString();
    }
}
