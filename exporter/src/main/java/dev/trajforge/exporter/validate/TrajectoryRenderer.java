package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text renderings for people: a schema as an indented column list, a trajectory as a readable conversation. */
final class TrajectoryRenderer {
    static final int SYSTEM_CHARS = 160;
    static final int TOOL_RESULT_CHARS = 200;
    static final int ARGUMENT_CHARS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrajectoryRenderer() {
    }

    /** One column per line, nested columns indented; {@code list<...>} for 3-level lists, {@code , nullable} for optional. */
    static String schema(GroupType schema) {
        StringBuilder out = new StringBuilder();
        for (Type field : schema.getFields()) {
            column(field, "  ", out);
        }
        return out.toString();
    }

    private static void column(Type field, String indent, StringBuilder out) {
        String nullable = field.isRepetition(Type.Repetition.OPTIONAL) ? ", nullable"
                : field.isRepetition(Type.Repetition.REPEATED) ? ", repeated" : "";
        Type shown = field;
        String wrapper = "%s";
        while (!shown.isPrimitive() && GroupJson.isList(shown.asGroupType())) {
            wrapper = String.format(wrapper, "list<%s>");
            shown = shown.asGroupType().getType(0).asGroupType().getType(0);
        }
        String kind = shown.isPrimitive() ? primitive(shown) : "struct";
        out.append(String.format(Locale.ROOT, "%s%-20s %s%s%n", indent, field.getName(), String.format(wrapper, kind), nullable));
        if (!shown.isPrimitive()) {
            for (Type child : shown.asGroupType().getFields()) {
                column(child, indent + "    ", out);
            }
        }
    }

    private static String primitive(Type type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (LogicalTypeAnnotation.stringType().equals(logical)) {
            return "string";
        }
        String name = type.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
        return logical == null ? name : name + " (" + logical + ")";
    }

    /** A trajectory: its lineage and outcome on a few lines, then each message; long system prompts and tool results abbreviated. */
    static String trajectory(JsonNode row) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  id %s  task %s (%s, persona %s)  trial %s  seed %s%n",
                row.path("id").asText(), row.path("task_id").asText(), row.path("domain").asText(),
                emptyDash(row.path("persona").asText()), row.path("trial").asText(), row.path("seed").asText()));
        out.append(String.format(Locale.ROOT, "  reward %s  judge_score %s  termination %s  reject_reasons %s%n",
                row.path("reward").asText(), row.path("judge_score").isNull() ? "null" : row.path("judge_score").asText(),
                row.path("termination").asText(), list(row.path("reject_reasons"))));
        if (!row.path("reward_checks").isEmpty()) {
            List<String> checks = new ArrayList<>();
            row.path("reward_checks").forEach(c -> checks.add(c.path("name").asText() + (c.path("passed").asBoolean() ? " pass " : " FAIL ")
                    + c.path("score").asText()));
            out.append("  reward_checks: ").append(String.join(", ", checks)).append('\n');
        }
        out.append(String.format(Locale.ROOT, "  turns %s  tool calls %s (%s errors)  tokens %s prompt / %s completion  faults %s%n",
                row.path("num_turns").asText(), row.path("num_tool_calls").asText(), row.path("num_tool_errors").asText(),
                row.path("prompt_tokens").asText(), row.path("completion_tokens").asText(), list(row.path("faults"))));
        out.append(String.format(Locale.ROOT, "  models: agent %s, user %s, judge %s  (source %s, run %s)%n",
                row.path("agent_model").asText(), row.path("user_model").asText(), row.path("judge_model").asText(),
                row.path("source").asText(), row.path("run_id").asText()));
        if (row.path("domain_origin").isTextual() || row.path("tool_simulator_model").isTextual()) {
            out.append("  domain origin: ").append(row.path("domain_origin").asText("-"));
            if (row.path("tool_simulator_model").isTextual()) out.append("  tools simulated by ").append(row.path("tool_simulator_model").asText());
            out.append('\n');
        }
        if (!row.path("judge_rationale").isNull()) {
            out.append("  judge rationale: ").append(Text.abbreviate(row.path("judge_rationale").asText(), 200)).append('\n');
        }
        out.append("  tools: ").append(toolNames(row.path("tools").asText())).append('\n');
        JsonNode userCalls = row.path("user_tool_calls");
        if (row.path("user_tools").isTextual() && !row.path("user_tools").asText().equals("[]")) {
            out.append("  user's own tools: ").append(toolNames(row.path("user_tools").asText())).append('\n');
        }
        out.append("  messages (").append(row.path("messages").size()).append(userCalls.isEmpty() ? "" : "; the user's own calls shown before the message of their turn")
                .append("):\n");
        JsonNode messages = row.path("messages");
        int width = String.valueOf(Math.max(0, messages.size() - 1)).length();
        int next = 0;
        for (int i = 0; i < messages.size(); i++) {
            for (; next < userCalls.size() && userCalls.get(next).path("message").asInt() == i; next++) {
                JsonNode call = userCalls.get(next);
                out.append(" ".repeat(width + 5)).append("(user's device) ").append(call.path("name").asText()).append(' ')
                        .append(Text.abbreviate(call.path("arguments").asText(), ARGUMENT_CHARS)).append(" -> ")
                        .append(call.path("error").asBoolean() ? "(error) " : "").append(Text.abbreviate(call.path("result").asText(), TOOL_RESULT_CHARS))
                        .append('\n');
            }
            message(i, width, messages.get(i), out);
        }
        return out.toString();
    }

    /** Any other row (a preference pair, an OpenAI JSONL or ShareGPT record): each field on a line, a messages list as a conversation. */
    static String fields(JsonNode row) {
        StringBuilder out = new StringBuilder();
        row.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).has("role")) {
                out.append("  ").append(field.getKey()).append(":\n");
                conversation(value, out);
            } else {
                out.append("  ").append(field.getKey()).append(": ")
                        .append(Text.abbreviate(value.isTextual() ? value.asText() : value.toString(), ARGUMENT_CHARS)).append('\n');
            }
        });
        return out.toString();
    }

    private static void conversation(JsonNode messages, StringBuilder out) {
        out.append("  messages (").append(messages.size()).append("):\n");
        int width = String.valueOf(Math.max(0, messages.size() - 1)).length();
        for (int i = 0; i < messages.size(); i++) {
            message(i, width, messages.get(i), out);
        }
    }

    private static void message(int index, int width, JsonNode m, StringBuilder out) {
        String role = m.path("role").asText();
        String head = String.format(Locale.ROOT, "  [%" + width + "d] %-9s ", index, role);
        String pad = " ".repeat(head.length());
        List<String> lines = new ArrayList<>();
        switch (role) {
            case "system" -> lines.add(Text.abbreviate(m.path("content").asText(null), SYSTEM_CHARS));
            case "tool" -> lines.add(m.path("name").asText() + " [" + m.path("tool_call_id").asText() + "] -> "
                    + Text.abbreviate(m.path("content").asText(null), TOOL_RESULT_CHARS));
            default -> {
                if (!m.path("reasoning_content").isNull()) {
                    lines.add("(reasoning) " + Text.abbreviate(m.path("reasoning_content").asText(), TOOL_RESULT_CHARS));
                }
                if (!m.path("content").isNull()) {
                    lines.addAll(m.path("content").asText().lines().toList());
                }
                for (JsonNode call : m.path("tool_calls")) {
                    JsonNode arguments = call.path("function").path("arguments");
                    lines.add("call " + call.path("function").path("name").asText() + " "
                            + Text.abbreviate(arguments.isTextual() ? arguments.asText() : arguments.toString(), ARGUMENT_CHARS)
                            + "  [" + call.path("id").asText() + "]");
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add("(empty)");
        }
        out.append(head).append(lines.getFirst()).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            out.append(pad).append(line).append('\n');
        }
    }

    private static String toolNames(String tools) {
        try {
            JsonNode parsed = JSON.readTree(tools);
            List<String> names = new ArrayList<>();
            parsed.forEach(t -> names.add(t.path("function").path("name").asText("?")));
            return names.size() + " (" + String.join(", ", names) + ")";
        } catch (Exception e) {
            return "not valid JSON: " + Text.abbreviate(tools, 80);
        }
    }

    private static String list(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            return "[]";
        }
        List<String> items = new ArrayList<>();
        values.forEach(v -> items.add(v.asText()));
        return "[" + String.join(", ", items) + "]";
    }

    private static String emptyDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
