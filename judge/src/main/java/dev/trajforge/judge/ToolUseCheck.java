package dev.trajforge.judge;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a trajectory with no world behind it (an imported session) can still be held to about its tool
 * use: every call the agent made was answered, and no tool error was left unaddressed (the agent spoke
 * or acted again after it before the conversation ended).
 */
final class ToolUseCheck implements Check {
    static final String REASON = "tool_use_unresolved";

    @Override
    public String name() {
        return "tool_use";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        List<Message> messages = trajectory.messages();
        Set<String> answered = new HashSet<>();
        for (Message message : messages) if (message.role() == Role.TOOL) answered.add(message.toolCallId());
        for (Message message : messages) {
            for (ToolCall call : message.toolCalls()) {
                if (!answered.contains(call.id())) return CheckResult.fail(name(), REASON, "call " + call.id() + " (" + call.name() + ") was never answered");
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.role() != Role.TOOL || !message.error()) continue;
            boolean addressed = messages.subList(i + 1, messages.size()).stream().anyMatch(m -> m.role() == Role.ASSISTANT);
            if (!addressed) return CheckResult.fail(name(), REASON, "the error of " + message.name() + " (" + message.toolCallId() + ") was left unaddressed");
        }
        return CheckResult.pass(name());
    }
}
