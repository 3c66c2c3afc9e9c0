package dev.trajforge.exporter.validate;

import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Good exports made with the real {@link DatasetExport}: small, realistic trajectories (parallel tool
 * calls, a tool error, reasoning without content) of two domains, accepted, rejected and infra-failed;
 * judged ones carry their reward checks.
 */
final class Exports {
    static final String RUN_ID = "validator-run";
    static final String CONFIG_SHA256 = "5e1f".repeat(16);
    static final Instant CREATED_AT = Instant.parse("2026-11-23T18:00:00Z");
    /** small enough that every split rolls over a few shards */
    static final long SHARD_BYTES = 6_000;

    static final String TOOLS_JSON = """
            [{"type":"function","function":{"name":"get_order_details","description":"Look up an order by id.",\
            "parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}},\
            {"type":"function","function":{"name":"cancel_pending_order","description":"Cancel a pending order.",\
            "parameters":{"type":"object","properties":{"order_id":{"type":"string"},"reason":{"type":"string"}},\
            "required":["order_id","reason"]}}}]""";

    private Exports() {
    }

    /**
     * system, user, assistant with two parallel tool calls and reasoning (no content), the two tool
     * messages in call order (the second an error), a final assistant text, a closing user turn.
     */
    static Trajectory trajectory(String domain, String taskId, int trial) {
        return trajectory(domain, taskId, trial, messages -> messages);
    }

    /** As {@link #trajectory(String, String, int)} with the messages changed by {@code edit}. */
    static Trajectory trajectory(String domain, String taskId, int trial, UnaryOperator<List<Message>> edit) {
        String id = Trajectory.idFor(RUN_ID, taskId, trial);
        ToolCall first = new ToolCall("call_" + id.substring(0, 8) + "_1", "get_order_details", "{\"order_id\":\"#W1001\"}");
        ToolCall second = new ToolCall("call_" + id.substring(0, 8) + "_2", "get_order_details", "{\"order_id\":\"#W1002\"}");
        List<Message> messages = List.of(
                Message.system("You are a retail support agent. Follow the policy: confirm before cancelling."),
                Message.user("Hi, please check my orders #W1001 and #W1002 (trial " + trial + ")."),
                Message.assistant(null, "Look both orders up in parallel.", List.of(first, second)),
                Message.tool(ToolResult.ok(first, "{\"order_id\":\"#W1001\",\"status\":\"pending\",\"total\":42.5}")),
                Message.tool(ToolResult.error(second, "order #W1002 not found")),
                Message.assistant("Order #W1001 is pending (42.50 USD). I could not find #W1002; could you check the number?"),
                Message.user("Thanks, that is all."));
        Lineage lineage = new Lineage(RUN_ID, Lineage.SIMULATED, "scripted/agent-v1", "scripted/user-v1",
                CONFIG_SHA256, Map.of(Lineage.POLICY, "policy-sha"));
        List<String> faults = trial % 2 == 1 ? List.of("timeout@get_order_details#3") : List.of();
        return new Trajectory(id, domain, taskId, "impatient", trial, 7919L * (trial + 1), edit.apply(messages), TOOLS_JSON,
                Termination.USER_STOP, "state-hash", new Usage(2, 1200 + trial, 150), lineage, faults);
    }

    /** {@code tasks} tasks of two domains, {@code trials} each: mostly accepted, every 5th rejected, every 7th an infra failure. */
    static List<ExportRecord> run(int tasks, int trials) {
        List<ExportRecord> records = new ArrayList<>();
        int n = 0;
        for (int task = 0; task < tasks; task++) {
            String domain = task % 2 == 0 ? "retail" : "airline";
            String taskId = domain + "-task-" + task;
            for (int trial = 0; trial < trials; trial++, n++) {
                Trajectory t = trajectory(domain, taskId, trial);
                if (n % 7 == 3) {
                    records.add(ExportRecord.infraFailed(t));
                } else if (n % 5 == 4) {
                    records.add(ExportRecord.rejected(t, null, null, null, List.of(n % 2 == 0 ? "final_state_mismatch" : "info_not_communicated"))
                            .withChecks(checks(n % 2 == 0 ? "state" : "info", null)));
                } else {
                    Double score = n % 3 == 0 ? null : 0.8;
                    records.add(ExportRecord.accepted(t, 1.0, score, n % 3 == 0 ? null : "ok", n % 3 == 0 ? null : "scripted/judge-v1")
                            .withChecks(checks(null, score)));
                }
            }
        }
        return records;
    }

    /** The deterministic checks, all passed but {@code failed} (null for none), then the rubric judge's entry when it ran. */
    static List<RewardCheck> checks(String failed, Double judgeScore) {
        List<RewardCheck> checks = new ArrayList<>();
        for (String name : List.of("termination", "state", "info", "confirmation")) {
            checks.add(RewardCheck.deterministic(name, !name.equals(failed)));
        }
        if (judgeScore != null) {
            checks.add(RewardCheck.rubricJudge(judgeScore, 0.5));
        }
        return checks;
    }

    /** The standard good export: 12 tasks x 3 trials, with the rejected split, a few shards per split. */
    static Path good(Path out) {
        return export(out, run(12, 3), true);
    }

    static Path export(Path out, List<ExportRecord> records, boolean keepRejected) {
        ExportSettings settings = ExportSettings.of(out.toString(), RUN_ID, CONFIG_SHA256, 0.3, keepRejected)
                .withSizes(SHARD_BYTES, 1 << 20);
        try (DatasetExport export = DatasetExport.open(settings, new Configuration())) {
            records.forEach(export::write);
            export.commit(CREATED_AT, UsageTotals.of(new UsageTotals.RoleUsage(records.size() * 2L, 1234, 567, 0.25), UsageTotals.RoleUsage.NONE));
        }
        return out;
    }
}
