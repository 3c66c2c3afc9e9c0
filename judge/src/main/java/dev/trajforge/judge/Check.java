package dev.trajforge.judge;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;

/** A deterministic check of a trajectory against its task. Must be thread-safe. */
interface Check {
    String name();

    CheckResult run(Trajectory trajectory, Task task);
}
