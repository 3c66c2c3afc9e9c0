package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import static dev.trajforge.exporter.TrajectorySchema.ELEMENT;
import static dev.trajforge.exporter.TrajectorySchema.FUNCTION;
import static dev.trajforge.exporter.TrajectorySchema.LIST;
import static dev.trajforge.exporter.TrajectorySchema.MESSAGE;
import static dev.trajforge.exporter.TrajectorySchema.REWARD_CHECK;
import static dev.trajforge.exporter.TrajectorySchema.TOOL_CALL;

/**
 * The shared part of our Parquet write supports: a fixed schema and footer, and writers for strings,
 * numbers, 3-level lists and the contract's message and reward check structs.
 */
abstract class ParquetRows<T> extends WriteSupport<T> {
    private static final String TOOL_CALL_TYPE = "function";

    private final MessageType schema;
    private final Map<String, String> footer;
    protected RecordConsumer out;

    ParquetRows(MessageType schema, Map<String, String> footer) {
        this.schema = schema;
        this.footer = Map.copyOf(footer);
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in parquet 1.18
    public final WriteContext init(Configuration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public final WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public final String getName() {
        return "trajforge";
    }

    @Override
    public final void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    /** One element of a {@code list<message>} column. */
    protected final void message(Message m) {
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

    /** One element of a {@code list<reward_check>} column. */
    protected final void rewardCheck(RewardCheck check) {
        group(() -> {
            string(REWARD_CHECK, "name", check.name());
            field(REWARD_CHECK, "passed", () -> out.addBoolean(check.passed()));
            float64(REWARD_CHECK, "score", check.score());
        });
    }

    protected final void stringElement(String value) {
        out.startField(ELEMENT, 0);
        out.addBinary(utf8(value));
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
    protected final <E> void list(GroupType scope, String name, List<E> items, Consumer<E> element) {
        field(scope, name, () -> {
            out.startGroup();
            if (!items.isEmpty()) {
                out.startField(LIST, 0);
                for (E item : items) {
                    out.startGroup();
                    element.accept(item);
                    out.endGroup();
                }
                out.endField(LIST, 0);
            }
            out.endGroup();
        });
    }

    protected final void string(GroupType scope, String name, String value) {
        Objects.requireNonNull(value, name);
        field(scope, name, () -> out.addBinary(utf8(value)));
    }

    /** A string column value given as its UTF-8 bytes. */
    protected final void binary(GroupType scope, String name, Binary value) {
        field(scope, name, () -> out.addBinary(value));
    }

    /**
     * The UTF-8 bytes of {@code value} (the same bytes as {@code Binary.fromString}), backed by a byte
     * array: the dictionary encoder hashes and compares array-backed values several times faster than
     * the buffer-backed ones {@code fromString} makes.
     */
    protected static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }

    protected final void optionalString(GroupType scope, String name, String value) {
        if (value != null) {
            string(scope, name, value);
        }
    }

    protected final void int32(GroupType scope, String name, int value) {
        field(scope, name, () -> out.addInteger(value));
    }

    protected final void int64(GroupType scope, String name, long value) {
        field(scope, name, () -> out.addLong(value));
    }

    protected final void float64(GroupType scope, String name, double value) {
        field(scope, name, () -> out.addDouble(value));
    }

    private void field(GroupType scope, String name, Runnable value) {
        int index = scope.getFieldIndex(name);
        out.startField(name, index);
        value.run();
        out.endField(name, index);
    }
}
