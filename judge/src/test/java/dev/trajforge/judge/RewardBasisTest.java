package dev.trajforge.judge;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.trajforge.judge.ScriptedJudgeModel.allPass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each task is decided by the checks its reward basis names, with a world behind it or without. */
class RewardBasisTest {
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(3);

    private static Task first(String intent, Set<RewardBasis> basis) {
        Task task = WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of(intent))).findFirst().orElseThrow();
        return new Task(task.id(), task.domain(), task.worldSeed(), task.scenario(), task.gold(), task.rubric(), basis);
    }

    /** The gold conversation with the cancellation reason changed: a different final state, everything else right. */
    private static Trajectory wrongState(Task cancel) {
        String reason = cancel.goldActions().getLast().argumentsJson().contains("no longer needed") ? "ordered by mistake" : "no longer needed";
        return GoldConversation.of(WORLD, cancel)
                .editFirstWrite(call -> new ToolCall(call.id(), call.name(), call.argumentsJson().replaceAll("\"reason\":\"[^\"]*\"", "\"reason\":\"" + reason + "\"")))
                .build();
    }

    private static RubricJudge judge(ScriptedJudgeModel model) {
        return new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/judge")));
    }

    @Test
    void should_run_only_the_checks_the_tasks_reward_basis_names_after_the_termination_check() {
        Task factsOnly = first("cancel", Set.of(RewardBasis.FACTS));

        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(wrongState(factsOnly), factsOnly);

        assertEquals(Verdict.Status.ACCEPTED, verdict.status(), "the final state does not decide this task");
        assertEquals(List.of("termination", "info"), verdict.checks().stream().map(CheckResult::check).toList());
    }

    @Test
    void should_reject_the_same_trajectory_when_the_basis_names_the_state() {
        Task stateToo = first("cancel", Set.of(RewardBasis.STATE, RewardBasis.FACTS));

        Verdict verdict = FilterPolicy.deterministic(WORLD).judge(wrongState(stateToo), stateToo);

        assertEquals(List.of(StateCheck.REASON), verdict.reasons());
        assertEquals(List.of("termination", "state", "info"), verdict.checks().stream().map(CheckResult::check).toList());
    }

    @Test
    void should_not_call_the_rubric_judge_for_a_task_whose_basis_leaves_it_out() {
        Task noRubric = first("return", Set.of(RewardBasis.STATE, RewardBasis.FACTS, RewardBasis.CONFIRMATION));
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(noRubric));

        Verdict verdict = FilterPolicy.withRubricJudge(WORLD, judge(model), "policy", 0.5, 1.0, new Agreement())
                .judge(GoldConversation.of(WORLD, noRubric).build(), noRubric);

        assertEquals(Verdict.Status.ACCEPTED, verdict.status());
        assertEquals(0, model.calls());
    }

    @Test
    void should_judge_a_trajectory_with_no_world_behind_it_on_the_checks_that_need_none_and_the_rubric() {
        Task stateless = first("info_order", Set.of(RewardBasis.FACTS, RewardBasis.RUBRIC));
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(stateless));

        Verdict told = FilterPolicy.withoutWorld(judge(model), "policy", 0.5, 0.0, new Agreement())
                .judge(GoldConversation.of(WORLD, stateless).build(), stateless);
        Verdict untold = FilterPolicy.withoutWorld().judge(GoldConversation.of(WORLD, stateless).withoutFacts().build(), stateless);

        assertEquals(Verdict.Status.ACCEPTED, told.status());
        assertEquals(1, model.calls());
        assertEquals(List.of("termination", "tool_use", "info"), told.checks().stream().map(CheckResult::check).toList());
        assertEquals(List.of(InfoCheck.REASON), untold.reasons());
    }

    @Test
    void should_never_turn_a_basis_it_cannot_decide_without_a_world_into_a_verdict() {
        Task needsState = first("cancel", RewardBasis.ALL);

        Verdict verdict = FilterPolicy.withoutWorld().judge(GoldConversation.of(WORLD, needsState).build(), needsState);

        assertEquals(Verdict.Status.JUDGE_FAILED, verdict.status());
        assertEquals(List.of(FilterPolicy.BASIS_UNDECIDABLE), verdict.reasons());
        assertTrue(verdict.judgeFailure().contains("[state, confirmation]"), verdict.judgeFailure());
    }
}
