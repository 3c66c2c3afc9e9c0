package dev.trajforge.judge;

import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.Set;

/**
 * Policy: hand the user to a human exactly when the request calls for it. The gold plan says whether
 * it does (a call to one of the world's handoff tools); the trajectory made one when such a call
 * succeeded. A hand-off changes no state, so the state check alone cannot tell a transfer from doing
 * nothing.
 */
final class HandoffCheck implements Check {
    static final String REASON = "handoff_mismatch";

    private final Set<String> handoffTools;

    HandoffCheck(Set<String> handoffTools) {
        this.handoffTools = Set.copyOf(handoffTools);
    }

    @Override
    public String name() {
        return "handoff";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        boolean expected = task.goldActions().stream().map(ToolCall::name).anyMatch(handoffTools::contains);
        boolean made = trajectory.messages().stream()
                .anyMatch(m -> m.role() == Role.TOOL && !m.error() && handoffTools.contains(m.name()));
        if (expected == made) return CheckResult.pass(name());
        return CheckResult.fail(name(), REASON, expected ? "the task calls for a hand-off to a human, and the agent made none"
                : "the agent handed the user to a human, which the task does not call for");
    }
}
