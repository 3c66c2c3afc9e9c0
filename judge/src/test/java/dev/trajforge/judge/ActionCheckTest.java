package dev.trajforge.judge;

import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.GoldSegment;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import dev.trajforge.simenv.GoldStep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actions check: a task whose right outcome is a hand-off is decided by the state staying put and
 * the hand-off being made (successfully), and a hand-off the task does not call for is a rejection.
 */
class ActionCheckTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(3);
    private static final String TRANSFER = WORLD.handoffTools().iterator().next();

    private static Task firstHandingOff() {
        return WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of("cancel_processed"))).findFirst().orElseThrow();
    }

    /** The same task with the last call of its plan edited: what an agent that made that call instead would have done. */
    private static Task withLastCall(Task task, UnaryOperator<List<ToolCall>> edit) {
        List<GoldSegment> gold = new ArrayList<>(task.gold());
        GoldSegment last = gold.removeLast();
        gold.add(new GoldSegment(last.intent(), edit.apply(new ArrayList<>(last.actions())).stream()
                .map(call -> GoldStep.agent(call, WORLD.writeTools().contains(call.name()))).toList(), last.facts()));
        return new Task(task.id(), task.domain(), task.worldSeed(), task.scenario(), gold, task.rubric(), task.rewardBasis());
    }

    private static ToolCall transfer(String summary) {
        return new ToolCall("extra-1", TRANSFER, CanonicalJson.write(Map.of("summary", summary)));
    }

    @Test
    void should_accept_the_gold_hand_off_which_ends_the_conversation() {
        Task task = firstHandingOff();

        Trajectory gold = GoldConversation.of(WORLD, task).build();
        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(gold, task);

        assertEquals(Termination.AGENT_STOP, gold.termination());
        assertEquals(Verdict.Status.ACCEPTED, verdict.status(), verdict.toString());
        assertTrue(verdict.checks().stream().anyMatch(c -> c.check().equals("actions") && c.passed()), verdict.toString());
    }

    @Test
    void should_reject_a_do_nothing_agent_on_a_hand_off_task_although_the_state_is_right() {
        Task task = firstHandingOff();

        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(GoldConversation.of(WORLD, task).doNothing(), task);

        assertEquals(List.of(ActionCheck.REASON), verdict.reasons(), verdict.toString());
    }

    @Test
    void should_not_count_a_hand_off_call_the_tool_refused() {
        Task task = firstHandingOff();
        Task refused = withLastCall(task, calls -> {
            calls.set(calls.size() - 1, transfer(" "));
            return calls;
        });

        Trajectory trajectory = GoldConversation.of(WORLD, refused).build();
        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(trajectory, task);

        assertEquals(1, trajectory.numToolErrors());
        assertEquals(List.of(ActionCheck.REASON), verdict.reasons(), verdict.toString());
    }

    @Test
    void should_reject_a_hand_off_the_task_does_not_call_for_when_its_basis_names_actions() {
        Task info = WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of("info_order"))).findFirst().orElseThrow();
        Task judgedOnAll = new Task(info.id(), info.domain(), info.worldSeed(), info.scenario(), info.gold(), info.rubric(),
                java.util.EnumSet.of(RewardBasis.STATE, RewardBasis.ACTIONS, RewardBasis.FACTS));

        Trajectory handedOff = GoldConversation.of(WORLD, withLastCall(info, calls -> {
            calls.add(transfer("The user wants a human."));
            return calls;
        })).build();
        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(handedOff, judgedOnAll);

        assertEquals(List.of(ActionCheck.REASON), verdict.reasons(), verdict.toString());
    }
}
