package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.ToolCall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Shredding of the contract's top-level lists ({@code <name> (LIST) { repeated group list { element } }},
 * the list itself required): an empty list is one missing value at definition level 0 in each of its
 * leaves; the first element starts the row's run (repetition 0), the others repeat the list.
 */
final class ListLeaves {
    private ListLeaves() {
    }

    /** {@code list<string>}. */
    static final class Strings {
        private final Leaves.Leaf element;

        Strings(Leaves leaves, String name) {
            element = leaves.of(name + ".list.element");
        }

        void write(List<String> values) {
            if (values.isEmpty()) {
                element.missing(0, 0);
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                element.string(values.get(i), i == 0 ? 0 : element.repeated(), element.defined());
            }
        }
    }

    /** {@code list<reward_check>}. */
    static final class RewardChecks {
        private final Leaves.Leaf name;
        private final Leaves.Leaf passed;
        private final Leaves.Leaf score;

        RewardChecks(Leaves leaves, String list) {
            name = leaves.of(list + ".list.element.name");
            passed = leaves.of(list + ".list.element.passed");
            score = leaves.of(list + ".list.element.score");
        }

        void write(List<RewardCheck> checks) {
            if (checks.isEmpty()) {
                name.missing(0, 0);
                passed.missing(0, 0);
                score.missing(0, 0);
                return;
            }
            int d = name.defined();
            for (int i = 0; i < checks.size(); i++) {
                RewardCheck check = checks.get(i);
                int r = i == 0 ? 0 : name.repeated();
                name.string(check.name(), r, d);
                passed.bool(check.passed(), r, d);
                score.float64(check.score(), r, d);
            }
        }
    }

    /**
     * {@code list<message>}: role, content, reasoning_content, tool_calls (an optional nested list of
     * {id, type, function {name, arguments}}; no tool calls is null, not an empty list), tool_call_id, name.
     */
    static final class Messages {
        private static final byte[] TOOL_CALL_TYPE = "function".getBytes(StandardCharsets.UTF_8);
        private static final byte[][] ROLES = Arrays.stream(Role.values()).map(r -> r.wireName().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

        private final Leaves.Leaf role;
        private final Leaves.Leaf content;
        private final Leaves.Leaf reasoning;
        private final Leaves.Leaf callId;
        private final Leaves.Leaf callType;
        private final Leaves.Leaf functionName;
        private final Leaves.Leaf functionArguments;
        private final Leaves.Leaf toolCallId;
        private final Leaves.Leaf name;

        Messages(Leaves leaves, String list) {
            String element = list + ".list.element.";
            role = leaves.of(element + "role");
            content = leaves.of(element + "content");
            reasoning = leaves.of(element + "reasoning_content");
            String call = element + "tool_calls.list.element.";
            callId = leaves.of(call + "id");
            callType = leaves.of(call + "type");
            functionName = leaves.of(call + "function.name");
            functionArguments = leaves.of(call + "function.arguments");
            toolCallId = leaves.of(element + "tool_call_id");
            name = leaves.of(element + "name");
        }

        void write(List<Message> messages) {
            if (messages.isEmpty()) {
                for (Leaves.Leaf leaf : new Leaves.Leaf[] {role, content, reasoning, callId, callType, functionName, functionArguments, toolCallId, name}) {
                    leaf.missing(0, 0);
                }
                return;
            }
            int element = role.defined(); // the message is there; its optional fields are one level deeper
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                int r = i == 0 ? 0 : role.repeated();
                role.utf8(ROLES[m.role().ordinal()], r, element);
                optional(content, m.content(), r, element);
                optional(reasoning, m.reasoning(), r, element);
                toolCalls(m, r, element);
                optional(toolCallId, m.toolCallId(), r, element);
                optional(name, m.name(), r, element);
            }
        }

        private void toolCalls(Message m, int r, int element) {
            if (!m.hasToolCalls()) {
                callId.missing(r, element);
                callType.missing(r, element);
                functionName.missing(r, element);
                functionArguments.missing(r, element);
                return;
            }
            List<ToolCall> calls = m.toolCalls();
            int d = callId.defined();
            for (int j = 0; j < calls.size(); j++) {
                ToolCall call = calls.get(j);
                int callR = j == 0 ? r : callId.repeated();
                callId.string(call.id(), callR, d);
                callType.utf8(TOOL_CALL_TYPE, callR, d);
                functionName.string(call.name(), callR, d);
                functionArguments.string(call.argumentsJson(), callR, d);
            }
        }

        private static void optional(Leaves.Leaf leaf, String value, int r, int element) {
            if (value == null) {
                leaf.missing(r, element);
            } else {
                leaf.string(value, r, element + 1);
            }
        }
    }
}
