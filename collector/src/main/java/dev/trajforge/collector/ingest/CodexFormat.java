package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * Codex CLI session logs ({@code ~/.codex/sessions/.../rollout-*.jsonl}): one file is one session.
 * Records {@code {"type": "response_item", "payload": {...}}} hold Responses API items, read as
 * {@link ResponsesItems} reads them; the first {@code session_meta} gives the session id
 * ({@code payload.id}; a forked session's copy of its parent's meta comes second). Other records
 * ({@code event_msg}, {@code turn_context}, {@code compacted}, ...) repeat or annotate those and are
 * skipped, as are {@code ghost_snapshot} items (git bookkeeping). Files of 2025's bare format (a first
 * line {@code {"id", "timestamp", "instructions"}}, items without an envelope, {@code {"record_type":
 * "state"}} markers) read the same. Codex does not log tool definitions: the session's tools are {@code []}.
 */
final class CodexFormat extends FileSessionFormat {
    private static final Set<String> BARE_ITEMS = Set.of("message", "reasoning", "function_call", "function_call_output",
            "custom_tool_call", "custom_tool_call_output", "local_shell_call", "local_shell_call_output", "web_search_call");

    @Override
    public String name() {
        return "codex";
    }

    @Override
    String convert(List<Line> lines, SessionBuilder session) {
        String sessionId = null;
        for (Line line : lines) {
            ObjectNode record = line.record();
            if (record.has("record_type")) continue;
            String type = record.path("type").asText("");
            JsonNode payload = record.get("payload");
            if (type.isEmpty() && payload == null) { // the bare format's first line
                if (sessionId == null && record.path("id").isTextual()) sessionId = record.get("id").textValue();
                continue;
            }
            switch (type) {
                case "session_meta" -> {
                    if (sessionId == null && payload != null && payload.path("id").isTextual()) sessionId = payload.get("id").textValue();
                }
                case "response_item" -> {
                    if (!"ghost_snapshot".equals(payload == null ? null : payload.path("type").asText())) {
                        at(line, session, () -> ResponsesItems.add(payload, session));
                    }
                }
                default -> {
                    if (payload == null && BARE_ITEMS.contains(type)) at(line, session, () -> ResponsesItems.add(record, session));
                }
            }
        }
        return sessionId;
    }
}
