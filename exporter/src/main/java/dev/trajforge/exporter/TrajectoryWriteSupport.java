package dev.trajforge.exporter;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.SessionOrigin;
import dev.trajforge.simenv.Trajectory;
import org.apache.parquet.io.api.Binary;

import dev.trajforge.simenv.user.PersonaCatalog;

import java.util.List;
import java.util.Map;

import static dev.trajforge.exporter.TrajectorySchema.REWARD_CHECK;
import static dev.trajforge.exporter.TrajectorySchema.SCHEMA;

/** Writes one {@link ExportRecord} as one row of {@link TrajectorySchema#SCHEMA}. */
final class TrajectoryWriteSupport extends RowWriteSupport<ExportRecord> {
    private static final Field ID = Field.of(SCHEMA, "id");
    private static final Field MESSAGES = Field.of(SCHEMA, "messages");
    private static final Field TOOLS = Field.of(SCHEMA, "tools");
    private static final Field USER_TOOLS = Field.of(SCHEMA, "user_tools");
    private static final Field USER_TOOL_CALLS = Field.of(SCHEMA, "user_tool_calls");
    private static final Field CALL_MESSAGE = Field.of(TrajectorySchema.USER_TOOL_CALL, "message");
    private static final Field CALL_ID = Field.of(TrajectorySchema.USER_TOOL_CALL, "id");
    private static final Field CALL_NAME = Field.of(TrajectorySchema.USER_TOOL_CALL, "name");
    private static final Field CALL_ARGUMENTS = Field.of(TrajectorySchema.USER_TOOL_CALL, "arguments");
    private static final Field CALL_RESULT = Field.of(TrajectorySchema.USER_TOOL_CALL, "result");
    private static final Field CALL_ERROR = Field.of(TrajectorySchema.USER_TOOL_CALL, "error");
    private static final Field SOURCE = Field.of(SCHEMA, "source");
    private static final Field ORIGIN = Field.of(SCHEMA, "origin");
    private static final Field ORIGIN_FORMAT = Field.of(TrajectorySchema.ORIGIN, "format");
    private static final Field ORIGIN_FILE = Field.of(TrajectorySchema.ORIGIN, "file");
    private static final Field ORIGIN_LINE = Field.of(TrajectorySchema.ORIGIN, "line");
    private static final Field ORIGIN_SESSION_ID = Field.of(TrajectorySchema.ORIGIN, "session_id");
    private static final Field DOMAIN = Field.of(SCHEMA, "domain");
    private static final Field TASK_ID = Field.of(SCHEMA, "task_id");
    private static final Field PERSONA = Field.of(SCHEMA, "persona");
    private static final Field PERSONA_TRAITS = Field.of(SCHEMA, "persona_traits");
    private static final List<Field> TRAITS = TrajectorySchema.PERSONA_TRAITS.getFields().stream()
            .map(f -> Field.of(TrajectorySchema.PERSONA_TRAITS, f.getName())).toList();
    private static final Field TRIAL = Field.of(SCHEMA, "trial");
    private static final Field SEED = Field.of(SCHEMA, "seed");
    private static final Field AGENT_MODEL = Field.of(SCHEMA, "agent_model");
    private static final Field USER_MODEL = Field.of(SCHEMA, "user_model");
    private static final Field JUDGE_MODEL = Field.of(SCHEMA, "judge_model");
    private static final Field DOMAIN_ORIGIN = Field.of(SCHEMA, "domain_origin");
    private static final Field TOOL_SIMULATOR_MODEL = Field.of(SCHEMA, "tool_simulator_model");
    private static final Field REWARD = Field.of(SCHEMA, "reward");
    private static final Field REWARD_CHECKS = Field.of(SCHEMA, "reward_checks");
    private static final Field JUDGE_SCORE = Field.of(SCHEMA, "judge_score");
    private static final Field JUDGE_RATIONALE = Field.of(SCHEMA, "judge_rationale");
    private static final Field TERMINATION = Field.of(SCHEMA, "termination");
    private static final Field REJECT_REASONS = Field.of(SCHEMA, "reject_reasons");
    private static final Field NUM_TURNS = Field.of(SCHEMA, "num_turns");
    private static final Field NUM_TOOL_CALLS = Field.of(SCHEMA, "num_tool_calls");
    private static final Field NUM_TOOL_ERRORS = Field.of(SCHEMA, "num_tool_errors");
    private static final Field PROMPT_TOKENS = Field.of(SCHEMA, "prompt_tokens");
    private static final Field COMPLETION_TOKENS = Field.of(SCHEMA, "completion_tokens");
    private static final Field FAULTS = Field.of(SCHEMA, "faults");
    private static final Field RUN_ID = Field.of(SCHEMA, "run_id");
    private static final Field SCHEMA_VERSION = Field.of(SCHEMA, "schema_version");
    private static final Field CHECK_NAME = Field.of(REWARD_CHECK, "name");
    private static final Field CHECK_PASSED = Field.of(REWARD_CHECK, "passed");
    private static final Field CHECK_SCORE = Field.of(REWARD_CHECK, "score");

    /** The tools JSON is the same few KB in every row of a domain: encoded to UTF-8 once while it repeats, not per row. */
    private String lastTools;
    private Binary lastToolsUtf8;

    TrajectoryWriteSupport(Map<String, String> footer) {
        super(SCHEMA, footer);
    }

    @Override
    void writeFields(ExportRecord record, FieldWriter out) {
        Trajectory t = record.trajectory();
        Lineage lineage = t.lineage();
        out.string(ID, t.id());
        MessageFields.write(out, MESSAGES, t.messages());
        out.binary(TOOLS, toolsUtf8(t.toolsJson()));
        out.string(USER_TOOLS, t.userToolsJson());
        out.groups(USER_TOOL_CALLS, t.userToolCalls(), call -> {
            out.int32(CALL_MESSAGE, call.message());
            out.string(CALL_ID, call.call().id());
            out.string(CALL_NAME, call.call().name());
            out.string(CALL_ARGUMENTS, call.call().argumentsJson());
            out.string(CALL_RESULT, call.result());
            out.bool(CALL_ERROR, call.error());
        });
        out.string(SOURCE, lineage.source());
        SessionOrigin origin = lineage.origin();
        if (origin != null) {
            out.group(ORIGIN, () -> {
                out.string(ORIGIN_FORMAT, origin.format());
                out.string(ORIGIN_FILE, origin.file());
                out.int64(ORIGIN_LINE, origin.line());
                out.optionalString(ORIGIN_SESSION_ID, origin.sessionId());
            });
        }
        out.string(DOMAIN, t.domain());
        out.string(TASK_ID, t.taskId());
        out.string(PERSONA, t.persona());
        PersonaCatalog.get().find(t.persona()).ifPresent(persona -> {
            Map<String, String> traits = persona.traits();
            out.group(PERSONA_TRAITS, () -> TRAITS.forEach(field -> out.string(field, traits.get(field.name()))));
        });
        out.int32(TRIAL, t.trial());
        out.int64(SEED, t.seed());
        out.string(AGENT_MODEL, lineage.agentModel());
        out.string(USER_MODEL, lineage.userModel());
        out.string(JUDGE_MODEL, record.judgeModel() == null ? TrajectorySchema.NO_JUDGE : record.judgeModel());
        out.optionalString(DOMAIN_ORIGIN, lineage.domainOrigin());
        out.optionalString(TOOL_SIMULATOR_MODEL, lineage.toolSimulatorModel());
        out.float64(REWARD, record.reward());
        out.groups(REWARD_CHECKS, record.checks(), check -> {
            out.string(CHECK_NAME, check.name());
            out.bool(CHECK_PASSED, check.passed());
            out.float64(CHECK_SCORE, check.score());
        });
        out.optionalFloat64(JUDGE_SCORE, record.judgeScore());
        out.optionalString(JUDGE_RATIONALE, record.judgeRationale());
        out.string(TERMINATION, t.termination().wireName());
        out.strings(REJECT_REASONS, record.rejectReasons());
        out.int32(NUM_TURNS, t.numTurns());
        out.int32(NUM_TOOL_CALLS, t.numToolCalls());
        out.int32(NUM_TOOL_ERRORS, t.numToolErrors());
        out.int64(PROMPT_TOKENS, t.usage().promptTokens());
        out.int64(COMPLETION_TOKENS, t.usage().completionTokens());
        out.strings(FAULTS, t.faults());
        out.string(RUN_ID, lineage.runId());
        out.int32(SCHEMA_VERSION, TrajectorySchema.SCHEMA_VERSION);
    }

    private Binary toolsUtf8(String tools) {
        if (!tools.equals(lastTools)) {
            lastTools = tools;
            lastToolsUtf8 = FieldWriter.utf8(tools);
        }
        return lastToolsUtf8;
    }
}
