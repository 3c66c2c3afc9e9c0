package dev.trajforge.simenv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One recorded episode: every message, tool call and tool response, how it ended, what it cost and
 * where it came from. {@code toolsJson} is the OpenAI-style tool list the agent was given;
 * {@code finalStateHash} is the environment's state hash when the episode ended (null for sessions);
 * {@code stateChanges} are the JSON Patches the episode's tool calls made to the state, in order (the
 * user's own calls included). In a domain with user-side tools (dual control) {@code userToolsJson} is the
 * tool list the simulated user was given and {@code userToolCalls} the calls the user made with them;
 * {@code messages} stay what the agent saw.
 */
public record Trajectory(String id, String domain, String taskId, String persona, int trial, long seed,
                         List<Message> messages, String toolsJson, Termination termination,
                         String finalStateHash, Usage usage, Lineage lineage, List<String> faults,
                         List<dev.trajforge.simenv.state.StateChange> stateChanges, String userToolsJson,
                         List<UserToolCall> userToolCalls) {
    public Trajectory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(lineage, "lineage");
        messages = List.copyOf(messages);
        toolsJson = toolsJson == null ? "[]" : toolsJson.intern(); // the same few KB for every episode of a domain: one copy
        persona = persona == null ? "" : persona;
        usage = usage == null ? Usage.NONE : usage;
        faults = faults == null ? List.of() : List.copyOf(faults);
        stateChanges = stateChanges == null ? List.of() : List.copyOf(stateChanges); // absent in journals from before changes were kept
        userToolsJson = userToolsJson == null ? "[]" : userToolsJson.intern();
        userToolCalls = userToolCalls == null ? List.of() : List.copyOf(userToolCalls); // absent in journals from before dual control
        for (UserToolCall call : userToolCalls) {
            if (call.message() >= messages.size() || messages.get(call.message()).role() != Role.USER) {
                throw new IllegalArgumentException("user tool call " + call.call().id() + " points at message " + call.message() + ", which is not a user message");
            }
        }
        if (trial < 0) throw new IllegalArgumentException("trial must be >= 0, got " + trial);
    }

    /** A trajectory of a domain without user-side tools. */
    public Trajectory(String id, String domain, String taskId, String persona, int trial, long seed, List<Message> messages, String toolsJson,
                      Termination termination, String finalStateHash, Usage usage, Lineage lineage, List<String> faults,
                      List<dev.trajforge.simenv.state.StateChange> stateChanges) {
        this(id, domain, taskId, persona, trial, seed, messages, toolsJson, termination, finalStateHash, usage, lineage, faults, stateChanges, null, List.of());
    }

    /** A trajectory without recorded state changes (an imported session, or a fixture). */
    public Trajectory(String id, String domain, String taskId, String persona, int trial, long seed, List<Message> messages, String toolsJson,
                      Termination termination, String finalStateHash, Usage usage, Lineage lineage, List<String> faults) {
        this(id, domain, taskId, persona, trial, seed, messages, toolsJson, termination, finalStateHash, usage, lineage, faults, List.of(), null, List.of());
    }

    /** Deterministic trajectory id: a hash of run id, task id and trial. */
    public static String idFor(String runId, String taskId, int trial) {
        return Hashing.sha256Hex(runId + '\u0000' + taskId + '\u0000' + trial).substring(0, 32);
    }

    /** Number of user turns. (These counts are loops, not streams: the exporter asks for them for every row.) */
    public int numTurns() {
        int turns = 0;
        for (Message m : messages) {
            if (m.role() == Role.USER) turns++;
        }
        return turns;
    }

    public int numToolCalls() {
        int calls = 0;
        for (Message m : messages) {
            calls += m.toolCalls().size();
        }
        return calls;
    }

    public int numToolErrors() {
        int errors = 0;
        for (Message m : messages) {
            if (m.error()) errors++;
        }
        return errors;
    }

    /** Every tool call the agent made, in order. */
    public List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (Message m : messages) {
            calls.addAll(m.toolCalls());
        }
        return Collections.unmodifiableList(calls);
    }
}
