package dev.trajforge.judge;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;

import java.util.List;

/**
 * The task's assertions on its final state (each an expression over one entity), checked on the state
 * the trajectory's recorded changes lead to: no tool runs again.
 */
final class AssertionCheck implements Check {
    static final String REASON = "assertion_failed";

    private final World world;

    AssertionCheck(World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "assertions";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        List<String> failed = world.failedAssertions(task.assertions(), trajectory.stateChanges());
        return failed.isEmpty() ? CheckResult.pass(name()) : CheckResult.fail(name(), REASON, "does not hold: " + String.join("; ", failed));
    }
}
