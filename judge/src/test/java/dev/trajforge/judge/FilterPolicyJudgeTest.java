package dev.trajforge.judge;

import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.agent.GoldConversation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.trajforge.judge.ScriptedJudgeModel.allPass;
import static dev.trajforge.judge.ScriptedJudgeModel.verdicts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterPolicyJudgeTest {
    private static final long SEED = 3;
    private static final World WORLD = Domains.byName("retail").orElseThrow().world(SEED);
    private static final String POLICY = WORLD.domain().policy().text();

    private static List<Task> tasks(String intent, int count) {
        return WORLD.tasks(300).stream().filter(t -> t.intents().equals(List.of(intent))).limit(count).toList();
    }

    private static Task first(String intent) {
        return tasks(intent, 1).getFirst();
    }

    private static RubricJudge judge(ScriptedJudgeModel model) {
        return new RubricJudge(List.of(new RubricJudge.JudgeModel(model, "test/judge")));
    }

    @Test
    void should_spend_no_judge_call_on_a_deterministically_rejected_trajectory() {
        Task task = first("return");
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(task));
        Agreement agreement = new Agreement();
        FilterPolicy policy = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 0.8, 0.0, agreement);
        Verdict verdict = policy.judge(GoldConversation.of(WORLD, task).withoutFacts().build(), task);
        assertEquals(Verdict.Status.REJECTED, verdict.status());
        assertEquals(List.of(InfoCheck.REASON), verdict.reasons());
        assertEquals(0, model.calls());
        assertNull(verdict.judgeScore());
        assertNull(verdict.judgeModel());
        assertEquals(Usage.NONE, verdict.judgeUsage());
        assertEquals(0, agreement.pairs());
    }

    @Test
    void should_accept_a_survivor_the_judge_scores_at_or_above_the_threshold() {
        Task task = first("exchange");
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(allPass(task));
        Agreement agreement = new Agreement();
        Verdict verdict = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 1.0, 0.0, agreement)
                .judge(GoldConversation.of(WORLD, task).build(), task);
        assertTrue(verdict.accepted(), verdict.toString());
        assertEquals(1.0, verdict.reward());
        assertEquals(1.0, verdict.judgeScore());
        assertEquals("test/judge", verdict.judgeModel());
        assertNotNull(verdict.judgeRationale());
        assertEquals(new Usage(1, ScriptedJudgeModel.INPUT_TOKENS, ScriptedJudgeModel.OUTPUT_TOKENS), verdict.judgeUsage());
        assertEquals(4, verdict.checks().size());
        assertEquals(1, agreement.count(true, true));
    }

    @Test
    void should_reject_a_survivor_the_judge_scores_below_the_threshold() {
        Task task = first("cancel");
        String failing = task.rubric().getLast().name();
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply(verdicts(task, Map.of(failing, "The refund amount was never stated.")));
        Agreement agreement = new Agreement();
        Verdict verdict = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 0.9, 0.0, agreement)
                .judge(GoldConversation.of(WORLD, task).build(), task);
        assertEquals(Verdict.Status.REJECTED, verdict.status());
        assertEquals(List.of(FilterPolicy.JUDGE_BELOW_THRESHOLD), verdict.reasons());
        assertEquals(0.0, verdict.reward());
        assertTrue(verdict.judgeScore() < 0.9);
        assertTrue(verdict.judgeRationale().contains("The refund amount was never stated."), verdict.judgeRationale());
        assertEquals(1, agreement.count(true, false));
    }

    @Test
    void should_set_a_judge_failure_aside_as_judge_failed_never_accepted_nor_rejected() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().reply("{\"verdicts\":[]}");
        Agreement agreement = new Agreement();
        Verdict verdict = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 0.5, 0.0, agreement)
                .judge(GoldConversation.of(WORLD, task).build(), task);
        assertEquals(Verdict.Status.JUDGE_FAILED, verdict.status());
        assertEquals(List.of(FilterPolicy.JUDGE_FAILED), verdict.reasons());
        assertFalse(verdict.accepted());
        assertEquals(0.0, verdict.reward());
        assertNull(verdict.judgeScore());
        assertTrue(verdict.judgeFailure().contains("empty verdicts"), verdict.judgeFailure());
        assertEquals("invalid_verdict", verdict.judgeFailureCause());
        assertEquals(1, verdict.judgeUsage().calls());
        assertEquals(0, agreement.pairs(), "a failure to judge is no vote");
    }

    @Test
    void should_set_infra_failures_aside_without_judging() {
        Task task = first("cancel");
        ScriptedJudgeModel model = new ScriptedJudgeModel().always(allPass(task));
        Verdict verdict = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 0.5, 1.0, new Agreement())
                .judge(GoldConversation.of(WORLD, task).endingWith(Termination.MODEL_ERROR).build(), task);
        assertEquals(Verdict.Status.INFRA_FAILED, verdict.status());
        assertEquals(0, model.calls());
    }

    @Test
    void should_judge_an_audit_sample_of_rejections_for_agreement_only() {
        List<Task> gold = tasks("exchange", 2);
        List<Task> spoiled = tasks("return", 2);
        ScriptedJudgeModel model = new ScriptedJudgeModel()
                .reply(allPass(gold.get(0)))
                .reply(allPass(gold.get(1)))
                .reply(verdicts(spoiled.get(0), Map.of(spoiled.get(0).rubric().getLast().name(), "No refund amount given.")))
                .reply(allPass(spoiled.get(1)));
        Agreement agreement = new Agreement();
        FilterPolicy policy = FilterPolicy.withRubricJudge(WORLD, judge(model), POLICY, 1.0, 1.0, agreement);
        for (Task task : gold) assertTrue(policy.judge(GoldConversation.of(WORLD, task).build(), task).accepted());
        for (Task task : spoiled) {
            Verdict verdict = policy.judge(GoldConversation.of(WORLD, task).withoutFacts().build(), task);
            assertEquals(Verdict.Status.REJECTED, verdict.status(), "the audit never overturns the checks");
            assertEquals(List.of(InfoCheck.REASON), verdict.reasons());
            assertNotNull(verdict.judgeScore(), "the audit's judgement is kept for information");
        }
        assertEquals(4, model.calls());
        // TT 2, FF 1, FT 1: p_o = 3/4, p_e = 1/2 * 3/4 + 1/2 * 1/4 = 1/2, kappa = 1/2
        assertEquals(4, agreement.pairs());
        assertEquals(0.5, agreement.cohensKappa(), 1e-12);
    }

    @Test
    void should_choose_the_audit_sample_by_a_stable_hash_of_the_trajectory_id() {
        List<String> ids = IntStream.range(0, 2000).mapToObj(i -> Trajectory.idFor("run", "task-" + i, 0)).toList();
        long sampled = ids.stream().filter(id -> FilterPolicy.audited(id, 0.25)).count();
        assertTrue(sampled > 400 && sampled < 600, "sampled " + sampled + " of 2000 at 0.25");
        for (String id : ids.subList(0, 50)) assertEquals(FilterPolicy.audited(id, 0.25), FilterPolicy.audited(id, 0.25));
        assertTrue(ids.stream().noneMatch(id -> FilterPolicy.audited(id, 0.0)));
        assertTrue(ids.stream().allMatch(id -> FilterPolicy.audited(id, 1.0)));
        // a smaller fraction samples a subset of a larger one
        assertTrue(ids.stream().filter(id -> FilterPolicy.audited(id, 0.1)).allMatch(id -> FilterPolicy.audited(id, 0.25)));
    }

    @Test
    void should_refuse_a_threshold_or_audit_fraction_outside_zero_to_one() {
        RubricJudge judge = judge(new ScriptedJudgeModel());
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.withRubricJudge(WORLD, judge, POLICY, 1.5, 0.0, new Agreement()));
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.withRubricJudge(WORLD, judge, POLICY, 0.5, -0.1, new Agreement()));
    }

    @Test
    void should_keep_the_verdict_without_judge_as_before() {
        Verdict verdict = new Verdict(Verdict.Status.REJECTED, List.of("x"), List.of());
        assertNull(verdict.judgeScore());
        assertNull(verdict.judgeFailure());
        assertEquals(Usage.NONE, verdict.judgeUsage());
        Task task = first("exchange");
        Verdict deterministic = FilterPolicy.deterministic(WORLD).judge(GoldConversation.of(WORLD, task).build(), task);
        assertTrue(deterministic.accepted());
        assertNull(deterministic.judgeModel());
    }

    @Test
    void should_require_the_failure_text_on_a_judge_failed_verdict() {
        assertThrows(IllegalArgumentException.class,
                () -> new Verdict(Verdict.Status.JUDGE_FAILED, List.of(FilterPolicy.JUDGE_FAILED), List.of(), null, null, "m", Usage.NONE, " ", "invalid_verdict"));
    }
}
