package dev.trajforge.exporter;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Trajectory;

/** Writes one {@link ExportRecord} as one row of {@link TrajectorySchema#SCHEMA}. */
final class TrajectoryRows implements ShreddedRows<ExportRecord> {
    /** The tools JSON is the same few KB in every row of a domain: encoded once per distinct value, not per row. */
    private static final int CACHED_TOOLS = 16;

    private final Leaves leaves = new Leaves(TrajectorySchema.SCHEMA);
    private final Leaves.Leaf id = leaves.of("id");
    private final ListLeaves.Messages messages = new ListLeaves.Messages(leaves, "messages");
    private final Leaves.Leaf tools = leaves.of("tools");
    private final Leaves.Leaf source = leaves.of("source");
    private final Leaves.Leaf domain = leaves.of("domain");
    private final Leaves.Leaf taskId = leaves.of("task_id");
    private final Leaves.Leaf persona = leaves.of("persona");
    private final Leaves.Leaf trial = leaves.of("trial");
    private final Leaves.Leaf seed = leaves.of("seed");
    private final Leaves.Leaf agentModel = leaves.of("agent_model");
    private final Leaves.Leaf userModel = leaves.of("user_model");
    private final Leaves.Leaf judgeModel = leaves.of("judge_model");
    private final Leaves.Leaf reward = leaves.of("reward");
    private final ListLeaves.RewardChecks rewardChecks = new ListLeaves.RewardChecks(leaves, "reward_checks");
    private final Leaves.Leaf judgeScore = leaves.of("judge_score");
    private final Leaves.Leaf judgeRationale = leaves.of("judge_rationale");
    private final Leaves.Leaf termination = leaves.of("termination");
    private final ListLeaves.Strings rejectReasons = new ListLeaves.Strings(leaves, "reject_reasons");
    private final Leaves.Leaf numTurns = leaves.of("num_turns");
    private final Leaves.Leaf numToolCalls = leaves.of("num_tool_calls");
    private final Leaves.Leaf numToolErrors = leaves.of("num_tool_errors");
    private final Leaves.Leaf promptTokens = leaves.of("prompt_tokens");
    private final Leaves.Leaf completionTokens = leaves.of("completion_tokens");
    private final ListLeaves.Strings faults = new ListLeaves.Strings(leaves, "faults");
    private final Leaves.Leaf runId = leaves.of("run_id");
    private final Leaves.Leaf schemaVersion = leaves.of("schema_version");

    private final Utf8Cache toolsUtf8 = new Utf8Cache(CACHED_TOOLS);

    @Override
    public Leaves leaves() {
        return leaves;
    }

    @Override
    public void write(ExportRecord record) {
        Trajectory t = record.trajectory();
        Lineage lineage = t.lineage();
        id.string(t.id());
        messages.write(t.messages());
        tools.utf8(toolsUtf8.utf8(t.toolsJson()), 0, 0);
        source.string(lineage.source());
        domain.string(t.domain());
        taskId.string(t.taskId());
        persona.string(t.persona());
        trial.int32(t.trial(), 0, 0);
        seed.int64(t.seed(), 0, 0);
        agentModel.string(lineage.agentModel());
        userModel.string(lineage.userModel());
        judgeModel.string(record.judgeModel() == null ? TrajectorySchema.NO_JUDGE : record.judgeModel());
        reward.float64(record.reward(), 0, 0);
        rewardChecks.write(record.checks());
        if (record.judgeScore() == null) {
            judgeScore.missing(0, 0);
        } else {
            judgeScore.float64(record.judgeScore(), 0, judgeScore.defined());
        }
        judgeRationale.string(record.judgeRationale());
        termination.string(t.termination().wireName());
        rejectReasons.write(record.rejectReasons());
        numTurns.int32(t.numTurns(), 0, 0);
        numToolCalls.int32(t.numToolCalls(), 0, 0);
        numToolErrors.int32(t.numToolErrors(), 0, 0);
        promptTokens.int64(t.usage().promptTokens(), 0, 0);
        completionTokens.int64(t.usage().completionTokens(), 0, 0);
        faults.write(t.faults());
        runId.string(lineage.runId());
        schemaVersion.int32(TrajectorySchema.SCHEMA_VERSION, 0, 0);
    }
}
