package dev.trajforge.judge;

import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays the task's gold actions on a fresh environment of the same world and the trajectory's own
 * tool calls on another, and compares the state hashes. Replaying (rather than trusting a recorded
 * hash) lets stored trajectories be re-judged. Gold hashes are computed once per task. Only the
 * trajectory's calls of the world's write tools are replayed: by the {@link World#writeTools()}
 * contract no other tool changes the state, so the look-ups (and rendering their results) are skipped.
 */
final class StateCheck implements Check {
    static final String REASON = "final_state_mismatch";

    private final World world;
    private final Set<String> writeTools;
    private final Map<String, String> goldHashes = new ConcurrentHashMap<>();

    StateCheck(World world) {
        this.world = world;
        this.writeTools = Set.copyOf(world.writeTools());
    }

    @Override
    public String name() {
        return "state";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        String gold = goldHashes.computeIfAbsent(task.id(), id -> goldHash(task));
        String actual = replay(executedCalls(trajectory.messages()));
        return gold.equals(actual) ? CheckResult.pass(name())
                : CheckResult.fail(name(), REASON, "final state " + actual.substring(0, 12) + " differs from gold replay " + gold.substring(0, 12));
    }

    private String goldHash(Task task) {
        Environment env = world.newEnvironment();
        for (ToolCall call : task.goldActions()) {
            ToolResult result = env.execute(call);
            if (result.error()) {
                throw new IllegalStateException("task " + task.id() + ": gold action " + call.name() + " fails: " + result.content());
            }
        }
        return env.stateHash();
    }

    private String replay(List<ToolCall> calls) {
        Environment env = world.newEnvironment();
        for (ToolCall call : calls) if (writeTools.contains(call.name())) env.execute(call);
        return env.stateHash();
    }

    /** The calls the environment answered, in order (a call with no tool message was never executed). */
    static List<ToolCall> executedCalls(List<Message> messages) {
        Set<String> answered = new HashSet<>();
        for (Message message : messages) if (message.role() == Role.TOOL) answered.add(message.toolCallId());
        return messages.stream().flatMap(m -> m.toolCalls().stream()).filter(call -> answered.contains(call.id())).toList();
    }
}
