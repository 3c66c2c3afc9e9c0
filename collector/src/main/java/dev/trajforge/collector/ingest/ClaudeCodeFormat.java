package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude Code session logs ({@code ~/.claude/projects/.../<session>.jsonl}): one file is one session.
 * Records of {@code type} {@code user} / {@code assistant} carry an Anthropic-shaped {@code message} and
 * form a tree by {@code uuid} / {@code parentUuid}. The conversation is the path from the root to the
 * last leaf in the file that is not on a side chain ({@code isSidechain}: sub-agent work) ; other
 * branches (edited or retried turns) and side chains are left out. Claude Code writes one record per
 * content block of an assistant reply, so consecutive assistant records with the same
 * {@code message.id} are one message. Other record types ({@code summary}, {@code system}, ...) may sit
 * on the path and add nothing. A compaction starts a new root ({@code compact_boundary}, no
 * {@code parentUuid}) whose {@code logicalParentUuid} names the last record before it: the path goes on
 * through it, so a compacted session keeps its earlier turns and, after them, the summary Claude Code
 * wrote. Session id: the records' {@code sessionId}.
 */
final class ClaudeCodeFormat extends FileSessionFormat {

    @Override
    public String name() {
        return "claude-code";
    }

    @Override
    String convert(List<Line> lines, SessionBuilder session) {
        Map<String, Line> byUuid = new HashMap<>();
        Set<String> parents = new HashSet<>();
        String sessionId = null;
        for (Line line : lines) {
            ObjectNode record = line.record();
            if (sessionId == null && record.path("sessionId").isTextual()) sessionId = record.get("sessionId").textValue();
            String uuid = record.path("uuid").asText(null);
            if (uuid == null) continue;
            byUuid.putIfAbsent(uuid, line);
            if (!record.path("isSidechain").asBoolean(false)) {
                if (record.path("parentUuid").isTextual()) parents.add(record.get("parentUuid").textValue());
                if (record.path("logicalParentUuid").isTextual()) parents.add(record.get("logicalParentUuid").textValue());
            }
        }
        Line leaf = null;
        for (Line line : lines) {
            ObjectNode record = line.record();
            if (isConversation(record) && !record.path("isSidechain").asBoolean(false)
                    && record.path("uuid").isTextual() && !parents.contains(record.get("uuid").textValue())) {
                leaf = line;
            }
        }
        if (leaf == null) {
            boolean sideChainsOnly = lines.stream().anyMatch(l -> isConversation(l.record()));
            throw new Reject(sideChainsOnly ? "only side-chain records (a sub-agent log)" : "empty conversation");
        }
        List<Line> path = pathTo(leaf, byUuid);
        List<Line> merged = mergeAssistantBlocks(path);
        for (Line line : merged) at(line, session, () -> AnthropicMessages.message(line.record().get("message"), session));
        return sessionId;
    }

    private static boolean isConversation(JsonNode record) {
        String type = record.path("type").asText("");
        return type.equals("user") || type.equals("assistant");
    }

    /** The conversation records from the root to {@code leaf}, in order. */
    private static List<Line> pathTo(Line leaf, Map<String, Line> byUuid) {
        List<Line> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Line current = leaf;
        while (true) {
            if (!seen.add(current.record().get("uuid").textValue())) throw new Reject("parentUuid cycle", current.number());
            if (isConversation(current.record())) path.add(current);
            JsonNode parent = current.record().get("parentUuid");
            if (parent == null || parent.isNull()) parent = current.record().get("logicalParentUuid"); // a compact boundary
            if (parent == null || parent.isNull()) break;
            if (!parent.isTextual()) throw new Reject("wrong type: parentUuid must be a string", current.number());
            Line next = byUuid.get(parent.textValue());
            if (next == null) throw new Reject("parentUuid '" + parent.textValue() + "' not found", current.number());
            current = next;
        }
        return path.reversed();
    }

    /** Consecutive assistant records of one API message ({@code message.id}) as one record with all their content blocks. */
    private static List<Line> mergeAssistantBlocks(List<Line> path) {
        List<Line> merged = new ArrayList<>();
        for (Line line : path) {
            JsonNode message = line.record().get("message");
            if (!(message instanceof ObjectNode)) throw new Reject("wrong type: message must be an object", line.number());
            Line previous = merged.isEmpty() ? null : merged.getLast();
            String id = message.path("id").asText(null);
            if (previous != null && id != null && "assistant".equals(message.path("role").asText())
                    && id.equals(previous.record().path("message").path("id").asText(null))
                    && message.get("content") instanceof ArrayNode more
                    && previous.record().path("message").get("content") instanceof ArrayNode) {
                ObjectNode record = previous.record().deepCopy();
                ((ArrayNode) record.get("message").get("content")).addAll(more);
                merged.set(merged.size() - 1, new Line(previous.number(), record));
            } else {
                merged.add(line);
            }
        }
        return merged;
    }
}
