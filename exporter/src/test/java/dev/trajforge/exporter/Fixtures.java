package dev.trajforge.exporter;

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

/** Small, realistic trajectories and export runs for the tests. */
final class Fixtures {
    static final String RUN_ID = "test-run";
    static final String CONFIG_SHA256 = "3f2c".repeat(16);
    static final Instant CREATED_AT = Instant.parse("2026-11-23T18:00:00Z");

    static final String TOOLS_JSON = """
            [{"type":"function","function":{"name":"get_order_details","description":"Look up an order by id.",\
            "parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"Order id, such as '#W0000000'"}},\
            "required":["order_id"]}}},\
            {"type":"function","function":{"name":"cancel_pending_order","description":"Cancel a pending order.",\
            "parameters":{"type":"object","properties":{"order_id":{"type":"string"},"reason":{"type":"string"}},\
            "required":["order_id","reason"]}}}]""";

    private Fixtures() {
    }

    static Configuration conf() {
        return new Configuration();
    }

    /**
     * system, user, assistant with two parallel tool calls and reasoning (no content), two tool messages
     * (one an error), a final assistant text.
     */
    static Trajectory trajectory(String domain, String taskId, int trial) {
        String id = Trajectory.idFor(RUN_ID, taskId, trial);
        ToolCall first = new ToolCall("call_" + id.substring(0, 8) + "_1", "get_order_details", "{\"order_id\":\"#W1001\"}");
        ToolCall second = new ToolCall("call_" + id.substring(0, 8) + "_2", "get_order_details", "{\"order_id\":\"#W1002\"}");
        List<Message> messages = List.of(
                Message.system("You are a retail support agent. Follow the policy: confirm before cancelling."),
                Message.user("Hi, please check my orders #W1001 and #W1002 (trial " + trial + ")."),
                Message.assistant(null, "The user asks about two orders; look both up in parallel.", List.of(first, second)),
                Message.tool(ToolResult.ok(first, "{\"order_id\":\"#W1001\",\"status\":\"pending\",\"total\":42.5}")),
                Message.tool(ToolResult.error(second, "order #W1002 not found")),
                Message.assistant("Order #W1001 is pending (42.50 USD). I could not find #W1002; could you check the number?"));
        Lineage lineage = new Lineage(RUN_ID, Lineage.SIMULATED, "scripted/agent-v1", "scripted/user-v1",
                CONFIG_SHA256, java.util.Map.of(Lineage.POLICY, "policy-sha", Lineage.USER_SIMULATOR, "user-prompt-sha"));
        List<String> faults = trial % 2 == 1 ? List.of("timeout@get_order_details#3") : List.of();
        return new Trajectory(id, domain, taskId, "impatient", trial, 7919L * (trial + 1), messages, TOOLS_JSON,
                Termination.USER_STOP, "state-hash", new Usage(2, 1200 + trial, 150), lineage, faults);
    }

    /** A trajectory of {@code taskId} with the given messages and everything else as in {@link #trajectory}. */
    static Trajectory trajectory(String taskId, int trial, List<Message> messages) {
        Trajectory like = trajectory("retail", taskId, trial);
        return new Trajectory(like.id(), like.domain(), taskId, like.persona(), trial, like.seed(), messages, TOOLS_JSON,
                Termination.USER_STOP, "state-hash", like.usage(), like.lineage(), List.of());
    }

    /**
     * system; then per user turn: the turn, an assistant call of get_order_details for order
     * {@code #W100<turn>} (call ids {@code <callPrefix>_<turn>}), its result, and an assistant text.
     */
    static List<Message> conversation(String callPrefix, String... userTurns) {
        List<Message> messages = new ArrayList<>();
        messages.add(Message.system("You are a retail support agent. Follow the policy: confirm before cancelling."));
        for (int i = 0; i < userTurns.length; i++) {
            ToolCall call = new ToolCall(callPrefix + "_" + i, "get_order_details", "{\"order_id\":\"#W100" + i + "\"}");
            messages.add(Message.user(userTurns[i]));
            messages.add(Message.assistant(null, null, List.of(call)));
            messages.add(Message.tool(ToolResult.ok(call, "{\"order_id\":\"#W100" + i + "\",\"status\":\"pending\"}")));
            messages.add(Message.assistant("Order #W100" + i + " is pending."));
        }
        return messages;
    }

    static ExportRecord accepted(String domain, String taskId, int trial) {
        return ExportRecord.accepted(trajectory(domain, taskId, trial), 1.0, 0.9, "followed policy", "scripted/judge-v1");
    }

    /** The judge's deterministic checks, in the order they run. */
    static final List<String> CHECKS = List.of("termination", "state", "info", "confirmation");

    /**
     * The deterministic checks, all passed but {@code failed} (null for none), then the rubric judge's
     * entry when it ran (threshold 0.5).
     */
    static List<RewardCheck> checks(String failed, Double judgeScore) {
        List<RewardCheck> checks = new ArrayList<>();
        CHECKS.forEach(name -> checks.add(RewardCheck.deterministic(name, !name.equals(failed))));
        if (judgeScore != null) {
            checks.add(RewardCheck.rubricJudge(judgeScore, 0.5));
        }
        return checks;
    }

    /** A task's intents: one of three single intents, or a compound one, by task number. */
    static List<String> intents(int task) {
        return switch (task % 4) {
            case 0 -> List.of("cancel");
            case 1 -> List.of("return");
            case 2 -> List.of("exchange");
            default -> List.of("return", "modify_address");
        };
    }

    /**
     * {@code tasks} tasks of two domains with {@code trials} trials each: mostly accepted, every 5th
     * rejected (two reasons), every 7th an infra failure; judged records carry their reward checks, all
     * carry their task's intents.
     */
    static List<ExportRecord> run(int tasks, int trials) {
        List<ExportRecord> records = new ArrayList<>();
        int n = 0;
        for (int task = 0; task < tasks; task++) {
            String domain = task % 2 == 0 ? "retail" : "airline";
            String taskId = domain + "-task-" + task;
            for (int trial = 0; trial < trials; trial++, n++) {
                Trajectory t = trajectory(domain, taskId, trial);
                ExportRecord record;
                if (n % 7 == 3) {
                    record = ExportRecord.infraFailed(t);
                } else if (n % 5 == 4) {
                    String reason = n % 2 == 0 ? "final_state_mismatch" : "info_not_communicated";
                    record = ExportRecord.rejected(t, null, null, null, List.of(reason, "max_turns"))
                            .withChecks(checks(n % 2 == 0 ? "state" : "info", null));
                } else {
                    Double score = n % 3 == 0 ? null : 0.8;
                    record = ExportRecord.accepted(t, 1.0, score, n % 3 == 0 ? null : "ok", n % 3 == 0 ? null : "scripted/judge-v1")
                            .withChecks(checks(null, score));
                }
                records.add(record.withIntents(intents(task)));
            }
        }
        return records;
    }

    /**
     * {@link #run}(12, 3), an accepted duplicate of a {@link DedupTest#TURNS} conversation and a rejected
     * sample of its task, then four tasks each with an accepted sample and a rejected one that answers the
     * same request wrongly: one preference pair each in the {@code dpo} format.
     */
    static List<ExportRecord> runWithPairs() {
        List<ExportRecord> records = new ArrayList<>(run(12, 3));
        records.add(ExportRecord.accepted(trajectory("retail-task-0", 9, conversation("z", DedupTest.TURNS)), 1.0, null, null, null));
        records.add(rejected(trajectory("retail-task-0", 10, conversation("y", "something else entirely"))));
        String[] requests = {"my blue kettle arrived broken and I want a refund to my card",
                "please change the delivery address of my sofa to my new flat in Leeds",
                "the headphones I bought do not charge any more, can I exchange them for another pair",
                "I was charged twice for the same lamp and need one payment reversed today"};
        for (int task = 0; task < requests.length; task++) {
            List<Message> wrong = new ArrayList<>(conversation("w", requests[task]));
            wrong.set(4, Message.assistant("I cannot find that order."));
            records.add(ExportRecord.accepted(trajectory("retail-task-2" + task, 0, conversation("r", requests[task])), 1.0, null, null, null));
            records.add(rejected(trajectory("retail-task-2" + task, 1, wrong)));
        }
        return records;
    }

    private static ExportRecord rejected(Trajectory t) {
        return ExportRecord.rejected(t, null, null, null, List.of("final_state_mismatch"));
    }

    /** {@code record} with its trajectory's messages replaced, everything else kept. */
    static ExportRecord withMessages(ExportRecord record, List<Message> messages) {
        Trajectory t = record.trajectory();
        Trajectory changed = new Trajectory(t.id(), t.domain(), t.taskId(), t.persona(), t.trial(), t.seed(), messages, t.toolsJson(),
                t.termination(), t.finalStateHash(), t.usage(), t.lineage(), t.faults());
        return new ExportRecord(changed, record.status(), record.reward(), record.judgeScore(), record.judgeRationale(), record.judgeModel(),
                record.rejectReasons(), record.checks(), record.intents());
    }

    static ExportSettings settings(Path out, boolean keepRejected) {
        return ExportSettings.of(out.toString(), RUN_ID, CONFIG_SHA256, 0.3, keepRejected);
    }

    static ExportResult export(ExportSettings settings, List<ExportRecord> records) {
        try (DatasetExport export = DatasetExport.open(settings, conf())) {
            records.forEach(export::write);
            return export.commit(CREATED_AT, UsageTotals.of(
                    new UsageTotals.RoleUsage(records.size() * 2L, 1234, 567, 0.25), UsageTotals.RoleUsage.NONE));
        }
    }
}
