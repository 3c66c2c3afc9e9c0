package dev.trajforge.exporter.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The report's view of a stored row, read back by {@code trajforge report DIR}: an hf-parquet row (the contract's
 * columns), or the messages of an openai-jsonl line or a sharegpt conversation (which hold no id, domain, persona,
 * verdict or token counts: those stay unknown, and the row's id is its file and index). Stored messages carry no error
 * flag, so a row tells how many of its tool calls failed ({@code num_tool_errors}) but not which.
 */
final class RowEpisodes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RowEpisodes() {
    }

    /** A row of any format as the contract's columns: hf-parquet rows as they are, the JSON formats' messages made into the contract's. */
    static JsonNode columns(JsonNode row, String file, long index) {
        if (row.has("conversations")) return fromShareGpt(row, file, index);
        if (!row.has("id")) {
            ObjectNode columns = NODES.objectNode().put("id", file + "#" + index);
            columns.set("messages", row.path("messages"));
            return columns;
        }
        return row;
    }

    static Episode episode(JsonNode row, String split) {
        List<String> called = new ArrayList<>();
        int turns = 0;
        for (JsonNode m : row.path("messages")) {
            if ("user".equals(m.path("role").asText())) turns++;
            for (JsonNode call : m.path("tool_calls")) called.add(call.path("function").path("name").asText());
        }
        return new Episode(row.path("id").asText(), Outcome.ofSplit(split), text(row, "domain"), persona(row), strings(row.path("reject_reasons")),
                row.has("num_turns") ? row.path("num_turns").asInt() : turns, called.size(), row.path("num_tool_errors").asInt(0),
                row.has("prompt_tokens") ? row.path("prompt_tokens").asLong() + row.path("completion_tokens").asLong() : null,
                number(row.path("judge_score")), strings(row.path("faults")), called, List.of());
    }

    static Viewed viewed(JsonNode row, String split) {
        List<Viewed.Turn> turns = new ArrayList<>();
        TreeSet<String> tools = new TreeSet<>();
        for (JsonNode m : row.path("messages")) {
            List<Viewed.Call> calls = new ArrayList<>();
            for (JsonNode call : m.path("tool_calls")) {
                String name = call.path("function").path("name").asText();
                calls.add(new Viewed.Call(text(call, "id"), name, Viewed.cut(JsonText.pretty(call.path("function").path("arguments").asText()))));
                tools.add(name);
            }
            String role = m.path("role").asText();
            String content = text(m, "content");
            String pretty = role.equals("tool") ? JsonText.prettyOrNull(content) : null;
            turns.add(new Viewed.Turn(role, Viewed.cut(pretty != null ? pretty : content), Viewed.cut(text(m, "reasoning_content")), calls,
                    text(m, "name"), text(m, "tool_call_id"), pretty != null, false));
        }
        List<Viewed.Check> checks = new ArrayList<>();
        for (JsonNode check : row.path("reward_checks")) {
            checks.add(new Viewed.Check(check.path("name").asText(), check.path("passed").asBoolean(), RecordEpisodes.score(number(check.path("score")))));
        }
        return new Viewed(row.path("id").asText(), Outcome.ofSplit(split).label(), text(row, "domain"), persona(row), text(row, "task_id"),
                text(row, "termination"), strings(row.path("reject_reasons")), checks, RecordEpisodes.score(number(row.path("judge_score"))),
                Viewed.cut(text(row, "judge_rationale")), strings(row.path("faults")), List.copyOf(tools), turns);
    }

    /**
     * A sharegpt conversation as contract messages: {@code system} first, {@code human} a user message, {@code gpt} an
     * assistant message, {@code function_call} an assistant message with the call(s) of its value, {@code observation} the
     * tool message(s) answering them in order.
     */
    private static JsonNode fromShareGpt(JsonNode row, String file, long index) {
        ObjectNode columns = NODES.objectNode().put("id", file + "#" + index);
        ArrayNode messages = columns.putArray("messages");
        if (!row.path("system").asText("").isEmpty()) messages.addObject().put("role", "system").put("content", row.path("system").asText());
        List<String[]> pending = new ArrayList<>(); // {id, name} of calls not answered yet
        int ordinal = 0;
        for (JsonNode turn : row.path("conversations")) {
            String value = turn.path("value").asText();
            switch (turn.path("from").asText()) {
                case "human" -> messages.addObject().put("role", "user").put("content", value);
                case "gpt" -> messages.addObject().put("role", "assistant").put("content", value);
                case "function_call" -> {
                    ArrayNode calls = messages.addObject().put("role", "assistant").putNull("content").putArray("tool_calls");
                    for (JsonNode call : each(parse(value))) {
                        String id = "call_" + ordinal++;
                        pending.add(new String[] {id, call.path("name").asText()});
                        calls.addObject().put("id", id).put("type", "function").putObject("function")
                                .put("name", call.path("name").asText()).put("arguments", call.path("arguments").toString());
                    }
                }
                case "observation" -> {
                    JsonNode parsed = parse(value);
                    List<JsonNode> results = pending.size() > 1 && parsed.isArray() ? each(parsed) : List.of(NODES.textNode(value));
                    for (JsonNode result : results) {
                        String[] call = pending.isEmpty() ? new String[] {null, null} : pending.removeFirst();
                        messages.addObject().put("role", "tool").put("content", result.isTextual() ? result.asText() : result.toString())
                                .put("tool_call_id", call[0]).put("name", call[1]);
                    }
                }
                default -> messages.addObject().put("role", turn.path("from").asText()).put("content", value);
            }
        }
        return columns;
    }

    private static List<JsonNode> each(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) node.forEach(out::add); else out.add(node);
        return out;
    }

    private static JsonNode parse(String value) {
        try {
            return JsonText.parse(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return NODES.textNode(value);
        }
    }

    private static String persona(JsonNode row) {
        String persona = text(row, "persona");
        return persona == null || persona.isEmpty() ? null : persona;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) out.add(item.asText());
        return out;
    }
}
