package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI Responses API logs: JSON Lines, one session per line, of {@code {"instructions"?, "input": [...]
 * (or a string), "output": [...], "tools": [...]}} or {@code {"items": [...]}}; input items come before
 * output items. Items as {@link ResponsesItems} reads them; tools of {@code type: function}.
 */
final class OpenAiResponsesFormat extends LineSessionFormat {

    @Override
    public String name() {
        return "openai-responses";
    }

    @Override
    String convert(ObjectNode record, SessionBuilder session) {
        if (!record.has("input") && !record.has("output") && !record.has("items")) throw new Reject("missing input, output or items");
        String instructions = Json.text(record, "instructions");
        if (instructions != null) session.system(instructions);
        JsonNode input = record.get("input");
        if (input != null && input.isTextual()) {
            session.user(input.textValue());
        } else {
            Json.list(record, "input").forEach(item -> ResponsesItems.add(item, session));
        }
        Json.list(record, "items").forEach(item -> ResponsesItems.add(item, session));
        Json.list(record, "output").forEach(item -> ResponsesItems.add(item, session));
        return Tools.responses(Json.list(record, "tools"));
    }
}
