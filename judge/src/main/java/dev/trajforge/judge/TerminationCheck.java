package dev.trajforge.judge;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;

/** An episode cut short (max turns, too many tool errors) is never a success, whatever its state. */
final class TerminationCheck implements Check {
    @Override
    public String name() {
        return "termination";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        return trajectory.termination().normalEnding() ? CheckResult.pass(name())
                : CheckResult.fail(name(), trajectory.termination().wireName(), "episode ended with " + trajectory.termination().wireName());
    }
}
