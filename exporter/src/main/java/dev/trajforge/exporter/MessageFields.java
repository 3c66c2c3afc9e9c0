package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;
import org.apache.parquet.io.api.Binary;

import java.util.Arrays;
import java.util.List;

import static dev.trajforge.exporter.TrajectorySchema.FUNCTION;
import static dev.trajforge.exporter.TrajectorySchema.MESSAGE;
import static dev.trajforge.exporter.TrajectorySchema.TOOL_CALL;

/**
 * Writes a {@code list<message>} column of the contract ({@link TrajectorySchema#MESSAGE}): role,
 * content, reasoning_content, tool_calls (a list of {id, type, function {name, arguments}}; null, not
 * an empty list, when a message calls no tool), tool_call_id, name. Absent optional values are null.
 */
final class MessageFields {
    private static final Field ROLE = Field.of(MESSAGE, "role");
    private static final Field CONTENT = Field.of(MESSAGE, "content");
    private static final Field REASONING = Field.of(MESSAGE, "reasoning_content");
    private static final Field TOOL_CALLS = Field.of(MESSAGE, "tool_calls");
    private static final Field TOOL_CALL_ID = Field.of(MESSAGE, "tool_call_id");
    private static final Field NAME = Field.of(MESSAGE, "name");
    private static final Field CALL_ID = Field.of(TOOL_CALL, "id");
    private static final Field CALL_TYPE = Field.of(TOOL_CALL, "type");
    private static final Field CALL_FUNCTION = Field.of(TOOL_CALL, "function");
    private static final Field FUNCTION_NAME = Field.of(FUNCTION, "name");
    private static final Field FUNCTION_ARGUMENTS = Field.of(FUNCTION, "arguments");

    /** The roles' and the call type's UTF-8 bytes, encoded once. */
    private static final Binary[] ROLES = Arrays.stream(Role.values()).map(r -> FieldWriter.utf8(r.wireName())).toArray(Binary[]::new);
    private static final Binary FUNCTION_TYPE = FieldWriter.utf8("function");

    private MessageFields() {
    }

    static void write(FieldWriter out, Field field, List<Message> messages) {
        out.groups(field, messages, m -> message(out, m));
    }

    private static void message(FieldWriter out, Message m) {
        out.binary(ROLE, ROLES[m.role().ordinal()]);
        out.optionalString(CONTENT, m.content());
        out.optionalString(REASONING, m.reasoning());
        if (m.hasToolCalls()) {
            out.groups(TOOL_CALLS, m.toolCalls(), call -> toolCall(out, call));
        }
        out.optionalString(TOOL_CALL_ID, m.toolCallId());
        out.optionalString(NAME, m.name());
    }

    private static void toolCall(FieldWriter out, ToolCall call) {
        out.string(CALL_ID, call.id());
        out.binary(CALL_TYPE, FUNCTION_TYPE);
        out.group(CALL_FUNCTION, () -> {
            out.string(FUNCTION_NAME, call.name());
            out.string(FUNCTION_ARGUMENTS, call.argumentsJson());
        });
    }
}
