package dev.trajforge.exporter;

import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import static dev.trajforge.exporter.TrajectorySchema.ELEMENT;
import static dev.trajforge.exporter.TrajectorySchema.FUNCTION;
import static dev.trajforge.exporter.TrajectorySchema.LIST;
import static dev.trajforge.exporter.TrajectorySchema.MESSAGE;
import static dev.trajforge.exporter.TrajectorySchema.SCHEMA;
import static dev.trajforge.exporter.TrajectorySchema.TOOL_CALL;

/** Writes one {@link ExportRecord} as one row of {@link TrajectorySchema#SCHEMA}. */
final class TrajectoryWriteSupport extends WriteSupport<ExportRecord> {
    private static final String TOOL_CALL_TYPE = "function";

    private final Map<String, String> footer;
    private RecordConsumer out;

    TrajectoryWriteSupport(Map<String, String> footer) {
        this.footer = Map.copyOf(footer);
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in parquet 1.18
    public WriteContext init(Configuration configuration) {
        return new WriteContext(SCHEMA, footer);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(SCHEMA, footer);
    }

    @Override
    public String getName() {
        return "trajforge";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(ExportRecord record) {
        Trajectory t = record.trajectory();
        Lineage lineage = t.lineage();
        out.startMessage();
        string(SCHEMA, "id", t.id());
        list(SCHEMA, "messages", t.messages(), this::message);
        string(SCHEMA, "tools", t.toolsJson());
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

    private void message(Message m) {
        group(() -> {
            string(MESSAGE, "role", m.role().wireName());
            optionalString(MESSAGE, "content", m.content());
            optionalString(MESSAGE, "reasoning_content", m.reasoning());
            if (m.hasToolCalls()) {            // no tool calls: null, not an empty list
                list(MESSAGE, "tool_calls", m.toolCalls(), this::toolCall);
            }
            optionalString(MESSAGE, "tool_call_id", m.toolCallId());
            optionalString(MESSAGE, "name", m.name());
        });
    }

    private void toolCall(ToolCall call) {
        group(() -> {
            string(TOOL_CALL, "id", call.id());
            string(TOOL_CALL, "type", TOOL_CALL_TYPE);
            field(TOOL_CALL, "function", () -> {
                out.startGroup();
                string(FUNCTION, "name", call.name());
                string(FUNCTION, "arguments", call.argumentsJson());
                out.endGroup();
            });
        });
    }

    private void stringElement(String value) {
        out.startField(ELEMENT, 0);
        out.addBinary(Binary.fromString(value));
        out.endField(ELEMENT, 0);
    }

    /** The {@code element} of a list whose elements are groups. */
    private void group(Runnable fields) {
        out.startField(ELEMENT, 0);
        out.startGroup();
        fields.run();
        out.endGroup();
        out.endField(ELEMENT, 0);
    }

    /** {@code name (LIST) { repeated group list { element } }}; an empty list is an empty group. */
    private <T> void list(GroupType scope, String name, List<T> items, Consumer<T> element) {
        field(scope, name, () -> {
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField(LIST, 0);
                for (T item : items) {
                    out.startGroup();
                    element.accept(item);
                    out.endGroup();
                }
                out.endField(LIST, 0);
            }
            out.endGroup();
        });
    }

    private void string(GroupType scope, String name, String value) {
        Objects.requireNonNull(value, name);
        field(scope, name, () -> out.addBinary(Binary.fromString(value)));
    }

    private void optionalString(GroupType scope, String name, String value) {
        if (value != null) {
            string(scope, name, value);
        }
    }

    private void int32(GroupType scope, String name, int value) {
        field(scope, name, () -> out.addInteger(value));
    }

    private void int64(GroupType scope, String name, long value) {
        field(scope, name, () -> out.addLong(value));
    }

    private void float64(GroupType scope, String name, double value) {
        field(scope, name, () -> out.addDouble(value));
    }

    private void field(GroupType scope, String name, Runnable value) {
        int index = scope.getFieldIndex(name);
        out.startField(name, index);
        value.run();
        out.endField(name, index);
    }
}
