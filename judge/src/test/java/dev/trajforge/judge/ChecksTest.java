package dev.trajforge.judge;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(3);
    private static final FilterPolicy POLICY = FilterPolicy.deterministic(WORLD);

    private static Task first(String intent) {
        return WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of(intent))).findFirst().orElseThrow();
    }

    @Test
    void should_reject_trajectory_when_final_state_differs_from_gold_replay() {
        Task cancel = first("cancel");
        String reason = cancel.goldActions().getLast().argumentsJson().contains("no longer needed") ? "ordered by mistake" : "no longer needed";
        Trajectory wrongReason = GoldConversation.of(WORLD, cancel)
                .editFirstWrite(call -> new ToolCall(call.id(), call.name(), call.argumentsJson().replaceAll("\"reason\":\"[^\"]*\"", "\"reason\":\"" + reason + "\"")))
                .build();
        assertEquals(0, wrongReason.numToolErrors(), "the wrong write itself succeeds");
        Verdict verdict = POLICY.judge(wrongReason, cancel);
        assertEquals(Verdict.Status.REJECTED, verdict.status());
        assertEquals(List.of(StateCheck.REASON), verdict.reasons());
    }

    @Test
    void should_reject_trajectory_when_a_required_fact_is_never_told() {
        Task task = first("return");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).withoutFacts().build(), task);
        assertEquals(List.of(InfoCheck.REASON), verdict.reasons());
    }

    @Test
    void should_reject_an_information_request_answered_without_the_facts_even_though_state_matches() {
        Task task = first("info_order");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).withoutFacts().build(), task);
        assertEquals(List.of(InfoCheck.REASON), verdict.reasons());
    }

    @Test
    void should_reject_a_write_without_explicit_confirmation() {
        Task task = first("modify_address");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).withoutConfirmation().build(), task);
        assertEquals(List.of(ConfirmationCheck.REASON), verdict.reasons());
    }

    @Test
    void should_name_max_turns_first_when_an_episode_was_cut_short() {
        Task task = first("cancel");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).endingWith(Termination.MAX_TURNS).build(), task);
        assertEquals("max_turns", verdict.reasons().getFirst());
    }

    @Test
    void should_set_aside_model_errors_as_infra_failures_not_rejections() {
        Task task = first("cancel");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).endingWith(Termination.MODEL_ERROR).build(), task);
        assertEquals(Verdict.Status.INFRA_FAILED, verdict.status());
        assertEquals(List.of("model_error"), verdict.reasons());
        assertEquals(0.0, verdict.reward());
    }

    @Test
    void should_accept_with_reward_one_when_every_check_passes() {
        Task task = first("exchange");
        Verdict verdict = POLICY.judge(GoldConversation.of(WORLD, task).build(), task);
        assertTrue(verdict.accepted(), verdict.toString());
        assertEquals(1.0, verdict.reward());
        assertEquals(4, verdict.checks().size());
    }

    @Test
    void should_refuse_to_judge_a_trajectory_against_another_task() {
        Task cancel = first("cancel");
        Task other = first("return");
        assertThrows(IllegalArgumentException.class, () -> POLICY.judge(GoldConversation.of(WORLD, cancel).build(), other));
    }

    @Test
    void should_let_a_refused_write_be_retried_under_the_same_yes_but_not_another_write() {
        ToolCall cancel = new ToolCall("c1", "cancel_pending_order", "{\"order_id\":\"#W1\",\"reason\":\"no longer needed\"}");
        ToolCall retry = new ToolCall("c2", cancel.name(), cancel.argumentsJson());
        ToolCall other = new ToolCall("c2", cancel.name(), "{\"order_id\":\"#W2\",\"reason\":\"no longer needed\"}");
        ConfirmationCheck check = new ConfirmationCheck(WORLD.writeTools());
        Task task = first("cancel");
        assertTrue(check.run(session(task, cancel, retry), task).passed(), "the same call again after the service refused it");
        assertFalse(check.run(session(task, cancel, other), task).passed(), "another write needs its own yes");
    }

    private static Trajectory session(Task task, ToolCall first, ToolCall second) {
        List<dev.trajforge.simenv.Message> messages = List.of(dev.trajforge.simenv.Message.user("cancel my order"),
                dev.trajforge.simenv.Message.assistant("I will cancel order #W1. Shall I proceed? (yes/no)"),
                dev.trajforge.simenv.Message.user("yes"),
                dev.trajforge.simenv.Message.assistant(null, null, List.of(first)),
                dev.trajforge.simenv.Message.tool(dev.trajforge.simenv.ToolResult.error(first, "the request timed out and was not processed. Please retry.")),
                dev.trajforge.simenv.Message.assistant("Sorry, let me try again.", null, List.of(second)),
                dev.trajforge.simenv.Message.tool(dev.trajforge.simenv.ToolResult.ok(second, "{\"status\":\"cancelled\"}")));
        return new Trajectory("t", task.domain(), task.id(), "terse", 0, 0L, messages, "[]", Termination.USER_STOP, null,
                dev.trajforge.simenv.Usage.NONE, new dev.trajforge.simenv.Lineage("r", "simulated", "a", "u", "c", java.util.Map.of()), List.of());
    }

    @Test
    void should_not_accept_a_bare_acknowledgement_as_confirmation_of_a_second_write() {
        Task compound = WORLD.tasks(300).stream()
                .filter(t -> t.goldActions().stream().filter(a -> WORLD.writeTools().contains(a.name())).count() == 2)
                .findFirst().orElseThrow();
        Trajectory unconfirmed = GoldConversation.of(WORLD, compound).withoutConfirmation().build();
        assertFalse(POLICY.judge(unconfirmed, compound).accepted());
    }
}
