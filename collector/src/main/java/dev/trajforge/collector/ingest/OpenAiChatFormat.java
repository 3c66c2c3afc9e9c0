package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Chat Completions logs: JSON Lines of {@code {"messages": [...], "tools": [...]}}. Roles
 * {@code system} (and {@code developer}), {@code user}, {@code assistant} (with {@code tool_calls} whose
 * {@code function.arguments} is a JSON-object string, and {@code reasoning_content} kept as reasoning),
 * {@code tool} (with {@code tool_call_id}). Content is a string or a list of {@code text} parts.
 */
final class OpenAiChatFormat extends LineSessionFormat {

    @Override
    public String name() {
        return "openai-chat";
    }

    @Override
    String convert(ObjectNode record, SessionBuilder session) {
        if (!record.has("messages")) throw new Reject("missing messages");
        List<JsonNode> messages = Json.list(record, "messages");
        for (JsonNode message : messages) {
            Json.object(message, "a message");
            String role = Json.requiredText(message, "role", "a message");
            switch (role) {
                case "system", "developer" -> session.system(content(message));
                case "user" -> session.user(content(message));
                case "assistant" -> session.assistant(content(message), reasoning(message), calls(message));
                case "tool" -> session.toolResult(Json.text(message, "tool_call_id"), content(message), false);
                default -> throw new Reject("unknown role '" + role + "'");
            }
        }
        return Tools.openAiChat(Json.list(record, "tools"));
    }

    /** A string, or the text parts of a content list joined; any other part is not text and is rejected. */
    static String content(JsonNode message) {
        return Json.textParts(message.get("content"), java.util.Set.of("text"));
    }

    private static String reasoning(JsonNode message) {
        String reasoning = Json.text(message, "reasoning_content");
        return reasoning != null ? reasoning : Json.text(message, "reasoning");
    }

    private static List<ToolCall> calls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : Json.list(message, "tool_calls")) {
            Json.object(call, "a tool call");
            String id = Json.text(call, "id");
            String type = call.path("type").asText("function");
            if (!type.equals("function")) throw new Reject("unsupported tool call type '" + type + "'");
            JsonNode function = Json.object(call.get("function"), "function of tool call '" + id + "'");
            calls.add(SessionBuilder.callWithArguments(id, Json.text(function, "name"), function.get("arguments")));
        }
        return calls;
    }
}
