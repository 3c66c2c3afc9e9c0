package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Trajectory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The per-row rules: one row (a trajectory, as {@link GroupJson} reads it) at a time, at most one
 * violation per rule and row (the first problem found), so a row's report stays short.
 */
final class RowRules {
    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    static final String REJECTED = "rejected";

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final Set<String> SOURCES = Set.of("simulated", "session");
    private static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int QUOTE = 80;

    private final Violations out;
    private final String runId;
    private final Set<String> sourceRuns;
    private final Integer schemaVersion;
    /** the last tools string that passed: rows of one run almost always share it */
    private String lastGoodTools;

    /**
     * {@code runId} and {@code schemaVersion} from the manifest, null when the manifest does not say; {@code sourceRuns}
     * are the other runs its rows may come from (a re-judged or merged dataset's {@code source_runs}).
     */
    RowRules(Violations out, String runId, Set<String> sourceRuns, Integer schemaVersion) {
        this.out = out;
        this.runId = runId;
        this.sourceRuns = Set.copyOf(sourceRuns);
        this.schemaVersion = schemaVersion;
    }

    /** {@code split} is the split of the file ({@code train}, {@code validation}, {@code rejected}) or null when unknown. */
    void check(JsonNode row, String file, long index, String split) {
        JsonNode messages = row.path("messages");
        report(Rule.ROLES_ORDER, file, index, rolesOrder(messages));
        report(Rule.MESSAGE_FIELDS, file, index, messageFields(messages));
        report(Rule.TOOL_CALL_PAIRING, file, index, pairing(messages));
        report(Rule.ARGUMENTS_JSON, file, index, arguments(messages));
        report(Rule.TOOLS_JSON, file, index, tools(row.path("tools").asText(null)));
        report(Rule.REWARD_CONSISTENCY, file, index, reward(row, split));
        report(Rule.REWARD_CHECKS, file, index, rewardChecks(row, split));
        report(Rule.ROW_LINEAGE, file, index, lineage(row));
        report(Rule.ROW_VALUES, file, index, values(row, messages));
    }

    private void report(Rule rule, String file, long index, String problem) {
        if (problem != null) {
            out.add(rule, file, index, problem);
        }
    }

    static String rolesOrder(JsonNode messages) {
        if (messages.isEmpty()) {
            return "the row has no messages";
        }
        String first = messages.get(0).path("role").asText();
        if (!"system".equals(first)) {
            return "the first message is " + Text.quote(first, QUOTE) + ", not system (the agent's system prompt)";
        }
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i).path("role").asText();
            if (!ROLES.contains(role)) {
                return "message " + i + " has role " + Text.quote(role, QUOTE) + "; roles are system, user, assistant, tool";
            }
        }
        return null;
    }

    static String messageFields(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            boolean hasCalls = m.path("tool_calls").isArray() && !m.path("tool_calls").isEmpty();
            String at = "message " + i + " (" + role + ")";
            if (m.path("content").isNull() && !(role.equals("assistant") && hasCalls)) {
                return at + " has null content; only an assistant message with tool calls may";
            }
            if (hasCalls && !role.equals("assistant")) {
                return at + " carries tool_calls; only assistant messages may";
            }
            if (role.equals("tool")) {
                if (m.path("tool_call_id").isNull() || m.path("tool_call_id").asText().isEmpty()) {
                    return at + " has no tool_call_id";
                }
                if (m.path("name").isNull() || m.path("name").asText().isEmpty()) {
                    return at + " has no name (the tool it answers for)";
                }
            } else if (!m.path("tool_call_id").isNull()) {
                return at + " has tool_call_id " + Text.quote(m.path("tool_call_id").asText(), QUOTE) + "; only tool messages may";
            }
            if (hasCalls) {
                for (JsonNode call : m.get("tool_calls")) {
                    if (!"function".equals(call.path("type").asText())) {
                        return at + " tool call " + Text.quote(call.path("id").asText(), QUOTE) + " has type "
                                + Text.quote(call.path("type").asText(), QUOTE) + ", not function";
                    }
                    if (call.path("id").asText().isEmpty() || call.path("function").path("name").asText().isEmpty()) {
                        return at + " has a tool call with an empty id or function name";
                    }
                }
            }
        }
        return null;
    }

    private record Call(String id, String name, int message) {
    }

    /**
     * An assistant message's tool calls are answered by the messages right after it, one tool message per
     * call in call order, each with the call's id and name; a tool message answers nothing else.
     */
    static String pairing(JsonNode messages) {
        Deque<Call> pending = new ArrayDeque<>();
        Map<String, Call> made = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("tool")) {
                String id = m.path("tool_call_id").asText(null);
                String name = m.path("name").asText(null);
                Call expected = pending.peekFirst();
                if (expected != null && expected.id().equals(id)) {
                    pending.removeFirst();
                    if (!expected.name().equals(name)) {
                        return "message " + i + " (tool) answers call " + Text.quote(id, QUOTE) + " of " + Text.quote(expected.name(), QUOTE)
                                + " but is named " + Text.quote(name, QUOTE);
                    }
                    continue;
                }
                if (expected != null && pending.stream().anyMatch(c -> c.id().equals(id))) {
                    return "message " + i + " (tool) answers call " + Text.quote(id, QUOTE) + " out of call order: call "
                            + Text.quote(expected.id(), QUOTE) + " of message " + expected.message() + " comes first";
                }
                if (made.containsKey(id)) {
                    return "message " + i + " (tool) answers call " + Text.quote(id, QUOTE) + " of message " + made.get(id).message()
                            + " again, or not right after it";
                }
                return "message " + i + " (tool) answers tool_call_id " + Text.quote(id, QUOTE) + ", which no earlier assistant message made";
            }
            if (!pending.isEmpty()) {
                return unanswered(pending) + " before message " + i + " (" + role + ")";
            }
            if (role.equals("assistant") && m.path("tool_calls").isArray()) {
                for (JsonNode call : m.get("tool_calls")) {
                    String id = call.path("id").asText();
                    if (made.containsKey(id)) {
                        return "message " + i + " repeats tool call id " + Text.quote(id, QUOTE) + " of message " + made.get(id).message();
                    }
                    Call c = new Call(id, call.path("function").path("name").asText(), i);
                    made.put(id, c);
                    pending.addLast(c);
                }
            }
        }
        return pending.isEmpty() ? null : unanswered(pending) + " at the end of the conversation";
    }

    private static String unanswered(Deque<Call> pending) {
        Call first = pending.peekFirst();
        List<String> ids = pending.stream().map(c -> Text.quote(c.id(), QUOTE)).toList();
        return "tool call" + (ids.size() == 1 ? " " : "s ") + String.join(", ", ids) + " of message " + first.message() + " not answered";
    }

    static String arguments(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode calls = messages.get(i).path("tool_calls");
            if (!calls.isArray()) {
                continue;
            }
            for (JsonNode call : calls) {
                String arguments = call.path("function").path("arguments").asText(null);
                String at = "message " + i + " tool call " + Text.quote(call.path("id").asText(), QUOTE)
                        + " (" + call.path("function").path("name").asText() + ")";
                JsonNode parsed;
                try {
                    parsed = arguments == null ? null : STRICT_JSON.readTree(arguments);
                } catch (Exception e) {
                    return at + ": arguments is not valid JSON: " + Text.quote(arguments, QUOTE);
                }
                if (parsed == null || !parsed.isObject()) {
                    return at + ": arguments must be a JSON object, got " + Text.quote(arguments, QUOTE);
                }
            }
        }
        return null;
    }

    String tools(String tools) {
        if (tools != null && tools.equals(lastGoodTools)) {
            return null;
        }
        String problem = toolsProblem(tools);
        if (problem == null) {
            lastGoodTools = tools;
        }
        return problem;
    }

    static String toolsProblem(String tools) {
        JsonNode parsed;
        try {
            parsed = tools == null ? null : STRICT_JSON.readTree(tools);
        } catch (Exception e) {
            return "tools is not valid JSON: " + Text.quote(tools, QUOTE);
        }
        if (parsed == null || !parsed.isArray()) {
            return "tools must be a JSON array of tool definitions, got " + Text.quote(tools, QUOTE);
        }
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode tool = parsed.get(i);
            if (!"function".equals(tool.path("type").asText(null))) {
                return "tools[" + i + "] must have \"type\":\"function\", got " + Text.quote(tool.toString(), QUOTE);
            }
            JsonNode function = tool.path("function");
            if (!function.isObject() || !function.path("name").isTextual() || function.path("name").asText().isBlank()) {
                return "tools[" + i + "].function must be an object with a name, got " + Text.quote(function.toString(), QUOTE);
            }
            if (function.has("parameters") && !function.get("parameters").isObject()) {
                return "tools[" + i + "].function.parameters must be a JSON schema object";
            }
        }
        return null;
    }

    static String reward(JsonNode row, String split) {
        double reward = row.path("reward").asDouble(Double.NaN);
        int reasons = row.path("reject_reasons").size();
        if (TRAIN.equals(split) || VALIDATION.equals(split)) {
            if (reward != 1.0) {
                return "an accepted row (" + split + ") has reward 1.0, got " + reward;
            }
            if (reasons > 0) {
                return "an accepted row (" + split + ") has no reject_reasons, got " + row.get("reject_reasons");
            }
        } else if (REJECTED.equals(split)) {
            if (reward != 0.0) {
                return "a rejected row has reward 0, got " + reward;
            }
            if (reasons == 0) {
                return "a rejected row needs at least one reject reason";
            }
        }
        return null;
    }

    /** The per-check breakdown of the reward; rows of schema version 1 have none and pass. */
    static String rewardChecks(JsonNode row, String split) {
        JsonNode checks = row.path("reward_checks");
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            JsonNode check = checks.get(i);
            String name = check.path("name").asText("");
            String at = "reward_checks[" + i + "]";
            if (name.isBlank()) {
                return at + " has a blank name";
            }
            if (!names.add(name)) {
                return at + ": check " + Text.quote(name, QUOTE) + " appears twice";
            }
            double score = check.path("score").asDouble(Double.NaN);
            if (!(score >= 0.0 && score <= 1.0)) {
                return at + " (" + Text.quote(name, QUOTE) + "): score must be in [0,1], got " + score;
            }
            if ((TRAIN.equals(split) || VALIDATION.equals(split)) && !check.path("passed").asBoolean()) {
                return "an accepted row (" + split + ") passed every check, but " + Text.quote(name, QUOTE) + " failed";
            }
        }
        return null;
    }

    private String lineage(JsonNode row) {
        String rowRunId = row.path("run_id").asText();
        if (runId != null && !runId.equals(rowRunId) && !sourceRuns.contains(rowRunId)) {
            return "run_id is " + Text.quote(rowRunId, QUOTE) + ", the manifest says " + Text.quote(runId, QUOTE)
                    + (sourceRuns.isEmpty() ? "" : " (source runs: " + String.join(", ", sourceRuns) + ")");
        }
        if (schemaVersion != null && row.path("schema_version").asInt() != schemaVersion) {
            return "schema_version is " + row.path("schema_version") + ", the manifest says " + schemaVersion;
        }
        int trial = row.path("trial").asInt();
        String taskId = row.path("task_id").asText();
        String id = row.path("id").asText();
        if (trial >= 0 && !Objects.equals(id, Trajectory.idFor(rowRunId, taskId, trial))) {
            return "id " + Text.quote(id, QUOTE) + " is not the hash of run id, task id and trial ("
                    + Trajectory.idFor(rowRunId, taskId, trial) + ")";
        }
        return null;
    }

    /** From schema version 3: a session names where it was read (format, file, line), a simulated episode has no origin. */
    private static String origin(JsonNode row, String source) {
        if (row.path("schema_version").asInt() < 3) return null;
        JsonNode origin = row.path("origin");
        boolean present = origin.isObject();
        if (source.equals("simulated")) return present ? "a simulated episode has an origin " + Text.quote(origin.toString(), QUOTE) : null;
        if (!present) return "a session has no origin (format, file, line)";
        if (origin.path("format").asText().isBlank() || origin.path("file").asText().isBlank()) return "a session's origin names no format or file";
        if (origin.path("line").asLong(-1) < 0) return "a session's origin line must be >= 0, got " + origin.path("line");
        return null;
    }

    /**
     * From schema version 6: a simulated episode's {@code domain_origin}, when given, is one of the known kinds; a
     * session has neither it nor a {@code tool_simulator_model}, and a given simulator model is named.
     */
    private static String provenance(JsonNode row, String source) {
        if (row.path("schema_version").asInt() < 6) return null;
        JsonNode origin = row.path("domain_origin");
        JsonNode simulator = row.path("tool_simulator_model");
        if (source.equals("session") && (origin.isTextual() || simulator.isTextual())) return "a session has no domain_origin or tool_simulator_model";
        if (origin.isTextual() && !dev.trajforge.simenv.DomainOrigin.KINDS.contains(origin.asText())) {
            return "domain_origin must be one of " + new java.util.TreeSet<>(dev.trajforge.simenv.DomainOrigin.KINDS) + ", got " + Text.quote(origin.asText(), QUOTE);
        }
        if (simulator.isTextual() && simulator.asText().isBlank()) return "tool_simulator_model is blank (null when no tool was simulated)";
        return null;
    }

    /**
     * From schema version 5: {@code user_tools} is a tool list, and each of the user's own calls is one of those
     * tools, with a JSON object as arguments, made in the turn of a user message.
     */
    private static String userToolCalls(JsonNode row, JsonNode messages) {
        if (row.path("schema_version").asInt() < 5) return null;
        String userTools = toolsProblem(row.path("user_tools").asText(null));
        if (userTools != null) return "user_tools: " + userTools;
        if (row.path("user_tool_calls").isEmpty()) return null;
        Set<String> names = new java.util.HashSet<>();
        try {
            for (JsonNode tool : STRICT_JSON.readTree(row.path("user_tools").asText())) names.add(tool.path("function").path("name").asText());
        } catch (java.io.IOException e) {
            return "user_tools is not JSON";
        }
        for (JsonNode call : row.path("user_tool_calls")) {
            int at = call.path("message").asInt(-1);
            String name = call.path("name").asText();
            if (at < 0 || at >= messages.size() || !"user".equals(messages.get(at).path("role").asText())) {
                return "user tool call " + Text.quote(call.path("id").asText(), QUOTE) + " points at message " + at + ", which is not a user message";
            }
            if (!names.contains(name)) return "user tool call " + Text.quote(name, QUOTE) + " is not one of user_tools";
            try {
                if (!STRICT_JSON.readTree(call.path("arguments").asText()).isObject()) return "user tool call " + Text.quote(name, QUOTE) + " has arguments that are not a JSON object";
            } catch (java.io.IOException e) {
                return "user tool call " + Text.quote(name, QUOTE) + " has arguments that are not JSON";
            }
        }
        return null;
    }

    static String values(JsonNode row, JsonNode messages) {
        String source = row.path("source").asText();
        if (!SOURCES.contains(source)) {
            return "source is " + Text.quote(source, QUOTE) + ", expected simulated or session";
        }
        String origin = origin(row, source);
        if (origin != null) return origin;
        String userCalls = userToolCalls(row, messages);
        if (userCalls != null) return userCalls;
        String provenance = provenance(row, source);
        if (provenance != null) return provenance;
        JsonNode judgeScore = row.path("judge_score");
        if (!judgeScore.isNull() && !(judgeScore.asDouble() >= 0.0 && judgeScore.asDouble() <= 1.0)) {
            return "judge_score must be null or in [0,1], got " + judgeScore.asDouble();
        }
        for (String key : List.of("domain", "task_id", "termination")) {
            if (row.path(key).asText().isBlank()) {
                return key + " is empty";
            }
        }
        for (String key : List.of("trial", "num_turns", "num_tool_calls", "num_tool_errors", "prompt_tokens", "completion_tokens")) {
            if (row.path(key).asLong() < 0) {
                return key + " must be >= 0, got " + row.path(key);
            }
        }
        int[] counted = new int[3]; // user messages, tool calls, tool messages
        Consumer<JsonNode> count = m -> {
            String role = m.path("role").asText();
            if (role.equals("user")) counted[0]++;
            if (role.equals("tool")) counted[2]++;
            counted[1] += m.path("tool_calls").size();
        };
        messages.forEach(count);
        if (row.path("num_turns").asInt() != counted[0]) {
            return "num_turns is " + row.path("num_turns") + ", the messages hold " + counted[0] + " user turns";
        }
        if (row.path("num_tool_calls").asInt() != counted[1]) {
            return "num_tool_calls is " + row.path("num_tool_calls") + ", the messages hold " + counted[1] + " tool calls";
        }
        if (row.path("num_tool_errors").asInt() > counted[2]) {
            return "num_tool_errors is " + row.path("num_tool_errors") + ", more than the " + counted[2] + " tool messages";
        }
        return null;
    }
}
