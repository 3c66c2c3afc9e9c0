package dev.trajforge.simenv.agent;

import dev.trajforge.simenv.Environment;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.UserToolCall;
import dev.trajforge.simenv.tools.ToolSide;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The conversation a flawless agent would have for a task — confirmation before every step the policy
 * guards, every gold action executed on a real environment (the user's own steps by the user, on their
 * device, when the agent asks), every fact told, and the conversation over
 * once a hand-off to a human succeeds (the agent ended it) — with hooks to spoil it (the domain
 * contract and tests build on it).
 */
public final class GoldConversation {
    private final World world;
    private final Task task;
    private UnaryOperator<ToolCall> writeEdit = UnaryOperator.identity();
    private boolean confirm = true;
    private boolean tellFacts = true;
    private Termination termination;

    private GoldConversation(World world, Task task) {
        this.world = world;
        this.task = task;
    }

    public static GoldConversation of(World world, Task task) {
        return new GoldConversation(world, task);
    }

    /** Rewrites the agent's first write call (e.g. a wrong argument); an edit that returns null leaves it as it was. */
    public GoldConversation editFirstWrite(UnaryOperator<ToolCall> edit) {
        this.writeEdit = edit;
        return this;
    }

    public GoldConversation withoutConfirmation() {
        this.confirm = false;
        return this;
    }

    public GoldConversation withoutFacts() {
        this.tellFacts = false;
        return this;
    }

    public GoldConversation endingWith(Termination termination) {
        this.termination = termination;
        return this;
    }

    public Trajectory build() {
        Environment env = world.newEnvironment();
        List<Message> messages = new ArrayList<>();
        messages.add(Message.system(world.domain().policy().text()));
        messages.add(Message.user("Hi, I need help: " + task.scenario().requests().getFirst().ask()));
        List<UserToolCall> userCalls = new ArrayList<>();
        boolean edited = false;
        boolean handedOff = false;
        for (GoldSegment segment : task.gold()) {
            if (handedOff) break;
            for (dev.trajforge.simenv.GoldStep step : segment.steps()) {
                ToolCall call = step.call();
                if (step.requestor() == ToolSide.USER) { // the agent asks, the user does it on their own device and says what it showed
                    messages.add(Message.assistant("Please do this on your device: " + call.name() + " " + call.argumentsJson() + "."));
                    ToolResult result = env.execute(call, ToolSide.USER);
                    userCalls.add(UserToolCall.of(messages.size(), result, call));
                    messages.add(Message.user("Done. It shows: " + result.content()));
                    continue;
                }
                boolean write = world.writeTools().contains(call.name());
                if (step.confirm() && confirm) {
                    messages.add(Message.assistant("I will run " + call.name() + " " + call.argumentsJson() + ". Do you confirm (yes/no)?"));
                    messages.add(Message.user("Yes, go ahead."));
                }
                if (write && !edited) {
                    call = java.util.Objects.requireNonNullElse(writeEdit.apply(call), call); // an edit that found nothing to change leaves it
                    edited = true;
                }
                messages.add(Message.assistant(null, null, List.of(call)));
                var result = env.execute(call);
                messages.add(Message.tool(result));
                handedOff = !result.error() && world.handoffTools().contains(call.name());
                if (handedOff) break;
            }
            if (tellFacts && !segment.facts().isEmpty()) messages.add(Message.assistant("Done. For your information: " + String.join(", ", segment.facts())));
        }
        if (!handedOff) messages.add(Message.user("That's all, thanks."));
        Termination ending = termination != null ? termination : handedOff ? Termination.AGENT_STOP : Termination.USER_STOP;
        return trajectory(messages, env.stateHash(), env.changes(), ending, userCalls);
    }

    /** The do-nothing agent: it answers politely and never acts. */
    public Trajectory doNothing() {
        List<Message> messages = List.of(Message.system(world.domain().policy().text()),
                Message.user(task.scenario().requests().getFirst().ask()),
                Message.assistant("I'm sorry, I can't help with that."),
                Message.user("Bye."));
        return trajectory(messages, world.newEnvironment().stateHash(), List.of(), termination != null ? termination : Termination.USER_STOP, List.of());
    }

    private Trajectory trajectory(List<Message> messages, String finalHash, List<dev.trajforge.simenv.state.StateChange> changes,
                                  Termination termination, List<UserToolCall> userCalls) {
        Lineage lineage = new Lineage("test-run", Lineage.SIMULATED, "test/gold", "test/user", "cfg",
                java.util.Map.of(Lineage.POLICY, world.domain().policy().sha256(), Lineage.USER_SIMULATOR, "prompt"));
        return new Trajectory(Trajectory.idFor("test-run", task.id(), 0), task.domain(), task.id(), task.scenario().style().wireName(),
                0, 1L, messages, world.toolsJson(), termination, finalHash, new Usage(1, 10, 10), lineage, List.of(), changes, world.userToolsJson(), userCalls);
    }
}
