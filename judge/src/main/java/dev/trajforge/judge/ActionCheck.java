package dev.trajforge.judge;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.GoldStep;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.ToolSide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The gold plan's consequential calls were made, and succeeded, in order: each write with the gold
 * arguments (as JSON, key order aside), each hand-off to a human by name (its summary is free text);
 * and the agent handed the user over only where the plan does. For outcomes that leave no trace in
 * the state: a transfer the policy calls for changes nothing, so the state check alone cannot tell it
 * from doing nothing.
 */
final class ActionCheck implements Check {
    static final String REASON = "action_mismatch";

    private final World world;

    ActionCheck(World world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "actions";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        List<ToolCall> made = succeeded(trajectory);
        boolean planHandsOff = false;
        int at = 0;
        for (GoldStep step : task.goldSteps()) {
            if (step.requestor() != ToolSide.AGENT) continue;
            boolean handoff = world.handoffTools().contains(step.call().name());
            planHandsOff |= handoff;
            if (!handoff && !world.writeTools().contains(step.call().name())) continue;
            while (at < made.size() && !matches(step.call(), made.get(at), handoff)) at++;
            if (at == made.size()) {
                return CheckResult.fail(name(), REASON, (handoff ? "the task calls for a hand-off to a human (" + step.call().name() + "), and the agent made none"
                        : "no successful call " + step.call().name() + " " + step.call().argumentsJson()));
            }
            at++;
        }
        if (!planHandsOff && made.stream().anyMatch(call -> world.handoffTools().contains(call.name()))) {
            return CheckResult.fail(name(), REASON, "the agent handed the user to a human, which the task does not call for");
        }
        return CheckResult.pass(name());
    }

    /** The agent's calls whose results were not errors, in order. */
    private static List<ToolCall> succeeded(Trajectory trajectory) {
        Set<String> failed = new HashSet<>();
        for (Message message : trajectory.messages()) if (message.role() == Role.TOOL && message.error()) failed.add(message.toolCallId());
        List<ToolCall> made = new ArrayList<>();
        for (Message message : trajectory.messages()) {
            if (message.role() != Role.ASSISTANT) continue;
            for (ToolCall call : message.toolCalls()) if (!failed.contains(call.id())) made.add(call);
        }
        return made;
    }

    private static boolean matches(ToolCall gold, ToolCall made, boolean byNameOnly) {
        if (!gold.name().equals(made.name())) return false;
        if (byNameOnly) return true;
        var goldArguments = CanonicalJson.parseOrNull(gold.argumentsJson());
        var madeArguments = CanonicalJson.parseOrNull(made.argumentsJson());
        return madeArguments != null && Objects.equals(CanonicalJson.sorted(goldArguments), CanonicalJson.sorted(madeArguments));
    }
}
