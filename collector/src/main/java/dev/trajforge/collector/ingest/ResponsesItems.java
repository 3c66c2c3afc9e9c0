package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI Responses API items into a session, shared by {@code openai-responses} and {@code codex}.
 * {@code message} (role {@code user}, {@code assistant}, {@code system} or {@code developer}; content
 * a string or {@code input_text} / {@code output_text} parts), {@code reasoning} (its
 * {@code reasoning_text} content, else its summary text), {@code function_call} /
 * {@code function_call_output} linked by {@code call_id}. Codex's {@code custom_tool_call} (free-form
 * input, kept as arguments {@code {"input": ...}}) and {@code local_shell_call} (its {@code action} as
 * arguments of a call named {@code local_shell}) are calls too. Reasoning, text and calls in a row
 * make one assistant message.
 */
final class ResponsesItems {
    private ResponsesItems() {
    }

    static void add(JsonNode item, SessionBuilder session) {
        Json.object(item, "an item");
        String type = Json.text(item, "type");
        if (type == null && item.has("role")) type = "message"; // an "easy input message"
        if (type == null) throw new Reject("item without a type");
        switch (type) {
            case "message" -> message(item, session);
            case "reasoning" -> {
                String reasoning = reasoning(item);
                if (reasoning != null) session.assistantReasoning(reasoning);
            }
            case "function_call" -> session.call(SessionBuilder.callWithArguments(
                    Json.text(item, "call_id"), Json.text(item, "name"), item.get("arguments")));
            case "custom_tool_call" -> {
                ObjectNode arguments = Json.MAPPER.createObjectNode();
                arguments.set("input", item.get("input") == null ? arguments.nullNode() : item.get("input"));
                session.call(SessionBuilder.callWithArguments(Json.text(item, "call_id"), Json.text(item, "name"), arguments));
            }
            case "local_shell_call" -> session.call(SessionBuilder.callWithArguments(
                    Json.text(item, "call_id"), "local_shell", Json.object(item.get("action"), "action of a local_shell_call")));
            case "function_call_output", "custom_tool_call_output", "local_shell_call_output" -> output(item, session);
            default -> throw new Reject("unsupported item type '" + type + "'");
        }
    }

    private static void message(JsonNode item, SessionBuilder session) {
        String role = Json.requiredText(item, "role", "a message item");
        String content = content(item.get("content"));
        switch (role) {
            case "user" -> session.user(content);
            case "system", "developer" -> session.system(content);
            case "assistant" -> session.assistantText(content);
            default -> throw new Reject("unknown role '" + role + "'");
        }
    }

    /** A string, or the text of {@code input_text} / {@code output_text} / {@code text} parts joined; other parts are rejected. */
    static String content(JsonNode content) {
        return Json.textParts(content, java.util.Set.of("input_text", "output_text", "text"));
    }

    private static String reasoning(JsonNode item) {
        String full = partsText(item, "content", "reasoning_text");
        return full != null ? full : partsText(item, "summary", "summary_text");
    }

    private static String partsText(JsonNode item, String field, String partType) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Json.list(item, field)) {
            Json.object(part, "a " + field + " part");
            String type = Json.requiredText(part, "type", "a " + field + " part");
            if (!type.equals(partType)) throw new Reject("unsupported " + field + " part '" + type + "'");
            if (!text.isEmpty()) text.append("\n\n");
            text.append(Json.requiredText(part, "text", "a " + type + " part"));
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** {@code output} as a string, content parts, or Codex's {@code {"content": ..., "success": bool}}; {@code success: false} or {@code status: "failed"} marks an error. */
    private static void output(JsonNode item, SessionBuilder session) {
        String callId = Json.text(item, "call_id");
        JsonNode output = item.get("output");
        boolean error = "failed".equals(item.path("status").asText(null)) || "incomplete".equals(item.path("status").asText(null));
        String content;
        if (output instanceof ObjectNode object && object.has("content")) {
            content = content(object.get("content"));
            error |= object.path("success").isBoolean() && !object.path("success").booleanValue();
        } else {
            content = content(output);
        }
        session.toolResult(callId, content, error);
    }
}
