package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.List;

/**
 * The row {@code dataset-contract.md} says a record becomes, built from the record alone (no writer
 * code), as JSON in schema order the way {@link ReadBack} reads rows: lists as arrays, absent values null.
 */
final class ContractRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractRows() {
    }

    static JsonNode of(ExportRecord record) {
        Trajectory t = record.trajectory();
        ObjectNode row = JSON.createObjectNode();
        row.put("id", t.id());
        row.set("messages", messages(t.messages()));
        row.put("tools", t.toolsJson());
        row.put("user_tools", t.userToolsJson());
        ArrayNode userCalls = row.putArray("user_tool_calls");
        t.userToolCalls().forEach(c -> userCalls.addObject().put("message", c.message()).put("id", c.call().id()).put("name", c.call().name())
                .put("arguments", c.call().argumentsJson()).put("result", c.result()).put("error", c.error()));
        row.put("source", t.lineage().source());
        if (t.lineage().origin() == null) {
            row.putNull("origin");
        } else {
            row.putObject("origin").put("format", t.lineage().origin().format()).put("file", t.lineage().origin().file())
                    .put("line", t.lineage().origin().line()).put("session_id", t.lineage().origin().sessionId());
        }
        row.put("domain", t.domain());
        row.put("task_id", t.taskId());
        row.put("persona", t.persona());
        var persona = dev.trajforge.simenv.user.PersonaCatalog.get().find(t.persona());
        if (persona.isPresent()) {
            var traits = row.putObject("persona_traits");
            persona.get().traits().forEach(traits::put);
        } else {
            row.putNull("persona_traits");
        }
        row.put("trial", t.trial());
        row.put("seed", t.seed());
        row.put("agent_model", t.lineage().agentModel());
        row.put("user_model", t.lineage().userModel());
        row.put("judge_model", record.judgeModel() == null ? "none" : record.judgeModel());
        row.put("domain_origin", t.lineage().domainOrigin());
        row.put("tool_simulator_model", t.lineage().toolSimulatorModel());
        row.put("reward", record.reward());
        ArrayNode checks = row.putArray("reward_checks");
        record.checks().forEach(c -> checks.addObject().put("name", c.name()).put("passed", c.passed()).put("score", c.score()));
        row.put("judge_score", record.judgeScore());
        row.put("judge_rationale", record.judgeRationale());
        row.put("termination", t.termination().wireName());
        row.set("reject_reasons", strings(record.rejectReasons()));
        row.put("num_turns", t.numTurns());
        row.put("num_tool_calls", t.numToolCalls());
        row.put("num_tool_errors", t.numToolErrors());
        row.put("prompt_tokens", t.usage().promptTokens());
        row.put("completion_tokens", t.usage().completionTokens());
        row.set("faults", strings(t.faults()));
        row.put("run_id", t.lineage().runId());
        row.put("schema_version", 6);
        return normalized(row);
    }

    static JsonNode of(PreferencePair pair) {
        ObjectNode row = JSON.createObjectNode();
        row.set("prompt", messages(pair.prompt()));
        row.set("chosen", messages(pair.chosen()));
        row.set("rejected", messages(pair.rejected()));
        row.put("tools", pair.toolsJson());
        row.put("domain", pair.domain());
        row.put("task_id", pair.taskId());
        row.put("chosen_id", pair.chosenId());
        row.put("rejected_id", pair.rejectedId());
        row.set("rejected_reasons", strings(pair.rejectedReasons()));
        return normalized(row);
    }

    private static ArrayNode messages(List<Message> messages) {
        ArrayNode list = JSON.createArrayNode();
        for (Message m : messages) {
            ObjectNode message = list.addObject();
            message.put("role", m.role().wireName());
            message.put("content", m.content());
            message.put("reasoning_content", m.reasoning());
            if (m.hasToolCalls()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                }
            } else {
                message.putNull("tool_calls");
            }
            message.put("tool_call_id", m.toolCallId());
            message.put("name", m.name());
        }
        return list;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode list = JSON.createArrayNode();
        values.forEach(list::add);
        return list;
    }

    /** Numbers as a JSON parser reads them, as {@link ReadBack}'s are. */
    private static JsonNode normalized(JsonNode row) {
        try {
            return JSON.readTree(row.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
