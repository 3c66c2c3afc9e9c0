package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Codex CLI session logs ({@code ~/.codex/sessions/.../rollout-*.jsonl}): one file is one session.
 * Records {@code {"type": "response_item", "payload": {...}}} hold Responses API items, read as
 * {@link ResponsesItems} reads them; {@code session_meta} gives the session id ({@code payload.id});
 * other records ({@code event_msg}, {@code turn_context}, ...) repeat or annotate those and are skipped.
 * Codex does not log tool definitions, so the session's tools are {@code []}.
 */
final class CodexFormat extends FileSessionFormat {

    @Override
    public String name() {
        return "codex";
    }

    @Override
    String convert(List<Line> lines, SessionBuilder session) {
        String sessionId = null;
        for (Line line : lines) {
            String type = line.record().path("type").asText("");
            JsonNode payload = line.record().get("payload");
            switch (type) {
                case "session_meta" -> {
                    if (sessionId == null && payload != null && payload.path("id").isTextual()) sessionId = payload.get("id").textValue();
                }
                case "response_item" -> at(line, () -> ResponsesItems.add(payload, session));
                default -> { }
            }
        }
        return sessionId;
    }
}
