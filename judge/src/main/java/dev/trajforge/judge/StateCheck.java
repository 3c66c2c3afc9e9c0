package dev.trajforge.judge;

import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares the final state the trajectory's recorded changes lead to (its JSON Patches applied to the
 * world's base state: no tool runs again, so a tool answered by a simulator is judged the same way)
 * with the state the task's gold plan leads to (as its generator found it, executing the plan on a fresh
 * copy of the world; or the gold actions executed once per task on a fresh environment). A recorded patch that does not apply is a defect: it escapes, and the episode is an internal error, never a pass.
 */
final class StateCheck implements Check {
    static final String REASON = "final_state_mismatch";

    private final World world;
    private final Map<String, String> goldHashes = new ConcurrentHashMap<>();

    StateCheck(World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "state";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        String gold = task.goldStateHash() != null ? task.goldStateHash() : goldHashes.computeIfAbsent(task.id(), id -> goldHash(task));
        String actual = world.stateHashAfter(trajectory.stateChanges());
        return gold.equals(actual) ? CheckResult.pass(name())
                : CheckResult.fail(name(), REASON, "final state " + actual.substring(0, 12) + " differs from gold replay " + gold.substring(0, 12));
    }

    private String goldHash(Task task) {
        Environment env = world.newEnvironment();
        for (ToolCall call : task.goldActions()) {
            ToolResult result = env.execute(call);
            if (result.error() && world.simulatesTools()) { // the run's world model answered the plan otherwise than the offline one did
                throw new GoldReplayException("task " + task.id() + ": the tool simulator refused gold action " + call.name() + ": " + result.content());
            }
            if (result.error()) {
                throw new IllegalStateException("task " + task.id() + ": gold action " + call.name() + " fails: " + result.content());
            }
        }
        return env.stateHash();
    }
}
