package dev.trajforge.judge;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Role;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;

import java.util.List;
import java.util.Set;

/**
 * Policy: every write must follow an explicit "yes" from the user, given in answer to the agent's
 * request for confirmation and after the previous write.
 * The deterministic half of the confirmation rule; whether the agent described the action correctly
 * is for the rubric judge.
 */
final class ConfirmationCheck implements Check {
    static final String REASON = "write_without_confirmation";

    private final Set<String> writeTools;

    ConfirmationCheck(Set<String> writeTools) {
        this.writeTools = Set.copyOf(writeTools);
    }

    @Override
    public String name() {
        return "confirmation";
    }

    @Override
    public CheckResult run(Trajectory trajectory, Task task) {
        boolean asked = false;
        boolean confirmed = false;
        List<Message> messages = trajectory.messages();
        for (Message message : messages) {
            if (message.role() == Role.ASSISTANT && message.content() != null) asked = Affirmations.asksForConfirmation(message.content());
            if (message.role() == Role.USER) {
                confirmed = asked && Affirmations.affirmative(message.content()); // a yes to the agent's question, not any "sure"
                asked = false;
            }
            for (ToolCall call : message.toolCalls()) {
                if (!writeTools.contains(call.name())) continue;
                if (!confirmed) return CheckResult.fail(name(), REASON, call.name() + " (" + call.id() + ") without the user's explicit confirmation");
                confirmed = false; // one yes, one write
            }
        }
        return CheckResult.pass(name());
    }
}
