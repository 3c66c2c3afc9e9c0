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
import java.util.List;
import java.util.Objects;

/**
 * The gold plan's consequential calls were made, in order: each write with the gold arguments (as
 * JSON, key order aside), each hand-off by name (its summary is free text). For outcomes that leave
 * no trace in the state, such as transferring a user the policy does not let the agent serve.
 */
final class ActionCheck implements Check {
    static final String REASON = "gold_action_missing";

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
        List<ToolCall> made = new ArrayList<>();
        for (Message message : trajectory.messages()) if (message.role() == Role.ASSISTANT) made.addAll(message.toolCalls());
        int at = 0;
        for (GoldStep step : task.goldSteps()) {
            if (step.requestor() != ToolSide.AGENT) continue;
            boolean handoff = world.handoffTools().contains(step.call().name());
            if (!handoff && !world.writeTools().contains(step.call().name())) continue;
            while (at < made.size() && !matches(step.call(), made.get(at), handoff)) at++;
            if (at == made.size()) return CheckResult.fail(name(), REASON, "no call " + step.call().name() + (handoff ? "" : " " + step.call().argumentsJson()));
            at++;
        }
        return CheckResult.pass(name());
    }

    private static boolean matches(ToolCall gold, ToolCall made, boolean byNameOnly) {
        if (!gold.name().equals(made.name())) return false;
        if (byNameOnly) return true;
        var goldArguments = CanonicalJson.parseOrNull(gold.argumentsJson());
        var madeArguments = CanonicalJson.parseOrNull(made.argumentsJson());
        return madeArguments != null && Objects.equals(CanonicalJson.sorted(goldArguments), CanonicalJson.sorted(madeArguments));
    }
}
