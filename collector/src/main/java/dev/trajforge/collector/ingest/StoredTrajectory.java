package dev.trajforge.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.exporter.validate.StoredRows;
import dev.trajforge.judge.CheckResult;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A row of a stored dataset made a trajectory again, with the results of the checks it was judged on
 * that need its world ({@code state}, {@code assertions}, {@code actions}, {@code info},
 * {@code confirmation}): they cannot run again without the world, so they are carried as they were
 * recorded. A tool message's error flag is not a column: it is recovered from {@code num_tool_errors},
 * marking the tool messages whose content reads as an error, in order, up to that count.
 */
record StoredTrajectory(Trajectory trajectory, List<CheckResult> worldChecks, String input) {
    /** The checks that need the world an episode ran in; the others run again. */
    static final Set<String> WORLD_CHECKS = Set.of("state", "assertions", "actions", "info", "confirmation");

    StoredTrajectory {
        Objects.requireNonNull(trajectory, "trajectory");
        worldChecks = List.copyOf(worldChecks);
    }

    static StoredTrajectory of(StoredRows.Row row, String input) {
        JsonNode columns = row.columns();
        String where = input + " " + row.file() + " row " + row.index();
        try {
            List<Message> messages = messages(columns.path("messages"), columns.path("num_tool_errors").asInt());
            JsonNode origin = columns.path("origin");
            SessionOrigin sessionOrigin = origin.isObject() ? new SessionOrigin(origin.path("file").asText(), origin.path("line").asLong(),
                    origin.path("format").asText(), origin.path("session_id").isNull() ? null : origin.path("session_id").asText()) : null;
            Lineage lineage = new Lineage(columns.path("run_id").asText(), columns.path("source").asText(), columns.path("agent_model").asText(),
                    columns.path("user_model").asText(), "", Map.of(), sessionOrigin)
                    .withDomain(text(columns.path("domain_origin")), text(columns.path("tool_simulator_model"))); // null before schema 6
            List<String> faults = new ArrayList<>();
            columns.path("faults").forEach(f -> faults.add(f.asText()));
            Usage usage = new Usage(0, columns.path("prompt_tokens").asLong(), columns.path("completion_tokens").asLong());
            Trajectory trajectory = new Trajectory(columns.path("id").asText(), columns.path("domain").asText(), columns.path("task_id").asText(),
                    columns.path("persona").asText(), columns.path("trial").asInt(), columns.path("seed").asLong(), messages,
                    columns.path("tools").asText(), Termination.fromWire(columns.path("termination").asText()), null, usage, lineage, faults,
                    List.of(), columns.path("user_tools").isTextual() ? columns.path("user_tools").asText() : null, userToolCalls(columns.path("user_tool_calls")));
            return new StoredTrajectory(trajectory, worldChecks(columns), input);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": not a trajectory of the dataset contract: " + e.getMessage(), e);
        }
    }

    /** The simulated user's own calls (schema version 5; none in older rows). */
    private static List<dev.trajforge.simenv.UserToolCall> userToolCalls(JsonNode calls) {
        List<dev.trajforge.simenv.UserToolCall> out = new ArrayList<>();
        for (JsonNode c : calls) {
            out.add(new dev.trajforge.simenv.UserToolCall(c.path("message").asInt(), new ToolCall(c.path("id").asText(), c.path("name").asText(),
                    c.path("arguments").asText()), c.path("result").asText(), c.path("error").asBoolean()));
        }
        return out;
    }

    private static List<Message> messages(JsonNode messages, int toolErrors) {
        List<Message> out = new ArrayList<>();
        int errorsLeft = toolErrors;
        for (JsonNode m : messages) {
            Role role = Role.fromWire(m.path("role").asText());
            String content = m.path("content").isNull() ? null : m.path("content").asText();
            String reasoning = m.path("reasoning_content").isNull() ? null : m.path("reasoning_content").asText();
            List<ToolCall> calls = new ArrayList<>();
            m.path("tool_calls").forEach(c -> calls.add(new ToolCall(c.path("id").asText(), c.path("function").path("name").asText(),
                    c.path("function").path("arguments").asText())));
            boolean error = role == Role.TOOL && errorsLeft > 0 && readsAsError(content);
            if (error) errorsLeft--;
            out.add(new Message(role, content, reasoning, calls, role == Role.TOOL ? m.path("tool_call_id").asText() : null,
                    m.path("name").isNull() || m.path("name").isMissingNode() ? null : m.path("name").asText(), error));
        }
        return out;
    }

    /** "Error: ...", "error ...", or a JSON object with an {@code error} key. */
    static boolean readsAsError(String content) {
        if (content == null) return false;
        String text = content.stripLeading();
        return text.toLowerCase(Locale.ROOT).startsWith("error") || text.startsWith("{\"error\"");
    }

    /**
     * The recorded world checks; a failed one takes the reject reason at its place among the failed checks
     * (the exporter writes reasons in check order), or {@code <check>_failed} when the row does not say.
     */
    private static List<CheckResult> worldChecks(JsonNode columns) {
        List<String> reasons = new ArrayList<>();
        columns.path("reject_reasons").forEach(r -> reasons.add(r.asText()));
        List<CheckResult> out = new ArrayList<>();
        int failed = 0;
        for (JsonNode check : columns.path("reward_checks")) {
            String name = check.path("name").asText();
            boolean passed = check.path("passed").asBoolean();
            boolean deterministic = !name.equals("rubric_judge");
            if (deterministic && !passed) failed++;
            if (!WORLD_CHECKS.contains(name)) continue;
            String reason = passed ? null : failed - 1 < reasons.size() ? reasons.get(failed - 1) : name + "_failed";
            out.add(new CheckResult(name, passed, reason, passed ? "" : "recorded when the episode ran"));
        }
        return out;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
