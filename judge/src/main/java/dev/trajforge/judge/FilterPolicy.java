package dev.trajforge.judge;

import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which trajectories are kept. Infra failures (the model or user simulator broke) are set
 * aside first: they say nothing about the agent and are neither kept nor counted as rejections. Then
 * every deterministic check runs, and a trajectory is accepted only if all pass.
 */
public final class FilterPolicy {
    private final List<Check> checks;

    FilterPolicy(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The deterministic checks for simulated episodes of {@code world}. */
    public static FilterPolicy deterministic(World world) {
        return new FilterPolicy(List.of(new TerminationCheck(), new StateCheck(world), new InfoCheck(),
                new ConfirmationCheck(world.writeTools())));
    }

    public Verdict judge(Trajectory trajectory, Task task) {
        if (!trajectory.taskId().equals(task.id())) {
            throw new IllegalArgumentException("trajectory " + trajectory.id() + " is for task " + trajectory.taskId() + ", not " + task.id());
        }
        if (trajectory.termination().infraFailure()) {
            return new Verdict(Verdict.Status.INFRA_FAILED, List.of(trajectory.termination().wireName()), List.of());
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        List<String> reasons = new ArrayList<>();
        for (Check check : checks) {
            CheckResult result = check.run(trajectory, task);
            results.add(result);
            if (!result.passed()) reasons.add(result.rejectReason());
        }
        return new Verdict(reasons.isEmpty() ? Verdict.Status.ACCEPTED : Verdict.Status.REJECTED, reasons, results);
    }
}
