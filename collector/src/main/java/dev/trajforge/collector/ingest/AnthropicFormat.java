package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages API logs: JSON Lines, one request or transcript per line, of {@code {"system"?,
 * "messages": [...], "tools"?: [...]}}; a logged {@code response} (a Messages API response object)
 * is the assistant message that follows. Messages as {@link AnthropicMessages} reads them; tools'
 * {@code input_schema} becomes OpenAI-style {@code parameters}.
 */
final class AnthropicFormat extends LineSessionFormat {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    String convert(ObjectNode record, SessionBuilder session) {
        ObjectNode request = record.get("request") instanceof ObjectNode wrapped ? wrapped : record;
        if (!request.has("messages")) throw new Reject("missing messages");
        AnthropicMessages.system(request.get("system"), session);
        for (JsonNode message : Json.list(request, "messages")) AnthropicMessages.message(message, session);
        JsonNode response = record.get("response");
        if (response != null && !response.isNull()) {
            ObjectNode reply = Json.object(response, "response");
            if (!reply.has("role")) reply = reply.deepCopy().put("role", "assistant");
            AnthropicMessages.message(reply, session);
        }
        return Tools.anthropic(Json.list(request, "tools"));
    }
}
