package dev.trajforge.exporter;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Trajectory;
import org.apache.parquet.io.api.Binary;

import java.util.Map;

import static dev.trajforge.exporter.TrajectorySchema.SCHEMA;

/** Writes one {@link ExportRecord} as one row of {@link TrajectorySchema#SCHEMA}. */
final class TrajectoryWriteSupport extends ParquetRows<ExportRecord> {
    /** The tools JSON is the same few KB in every row of a run: encoded once, not per row. */
    private String lastTools;
    private Binary lastToolsUtf8;

    TrajectoryWriteSupport(Map<String, String> footer) {
        super(SCHEMA, footer);
    }

    @Override
    public void write(ExportRecord record) {
        Trajectory t = record.trajectory();
        Lineage lineage = t.lineage();
        out.startMessage();
        string(SCHEMA, "id", t.id());
        list(SCHEMA, "messages", t.messages(), this::message);
        binary(SCHEMA, "tools", toolsUtf8(t.toolsJson()));
        string(SCHEMA, "source", lineage.source());
        string(SCHEMA, "domain", t.domain());
        string(SCHEMA, "task_id", t.taskId());
        string(SCHEMA, "persona", t.persona());
        int32(SCHEMA, "trial", t.trial());
        int64(SCHEMA, "seed", t.seed());
        string(SCHEMA, "agent_model", lineage.agentModel());
        string(SCHEMA, "user_model", lineage.userModel());
        string(SCHEMA, "judge_model", record.judgeModel() == null ? TrajectorySchema.NO_JUDGE : record.judgeModel());
        float64(SCHEMA, "reward", record.reward());
        list(SCHEMA, "reward_checks", record.checks(), this::rewardCheck);
        if (record.judgeScore() != null) {
            float64(SCHEMA, "judge_score", record.judgeScore());
        }
        optionalString(SCHEMA, "judge_rationale", record.judgeRationale());
        string(SCHEMA, "termination", t.termination().wireName());
        list(SCHEMA, "reject_reasons", record.rejectReasons(), this::stringElement);
        int32(SCHEMA, "num_turns", t.numTurns());
        int32(SCHEMA, "num_tool_calls", t.numToolCalls());
        int32(SCHEMA, "num_tool_errors", t.numToolErrors());
        int64(SCHEMA, "prompt_tokens", t.usage().promptTokens());
        int64(SCHEMA, "completion_tokens", t.usage().completionTokens());
        list(SCHEMA, "faults", t.faults(), this::stringElement);
        string(SCHEMA, "run_id", lineage.runId());
        int32(SCHEMA, "schema_version", TrajectorySchema.SCHEMA_VERSION);
        out.endMessage();
    }

    private Binary toolsUtf8(String tools) {
        if (!tools.equals(lastTools)) {
            lastTools = tools;
            lastToolsUtf8 = utf8(tools);
        }
        return lastToolsUtf8;
    }
}
