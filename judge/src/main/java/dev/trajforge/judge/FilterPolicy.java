package dev.trajforge.judge;

import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.RewardBasis;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.World;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides which trajectories are kept. Infra failures (the model or user simulator broke) are set
 * aside first: they say nothing about the agent and are neither kept nor counted as rejections. Then
 * the termination check and the deterministic checks the task's {@link RewardBasis} names run, and a
 * trajectory is accepted only if all pass. A policy made {@link #withoutWorld} has no world behind
 * its trajectories (imported sessions): it runs the checks that need no state, and a task whose basis
 * names one that does is a {@link Verdict.Status#JUDGE_FAILED}, never a verdict.
 *
 * <p>With a rubric judge ({@link #withRubricJudge}), the LLM judge then runs on the survivors only: a
 * judged score below the threshold rejects ({@value #JUDGE_BELOW_THRESHOLD}), a judge failure is
 * {@link Verdict.Status#JUDGE_FAILED}. A deterministic sample of the rejected trajectories is judged
 * too, only to measure how far the judge agrees with the checks.
 */
public final class FilterPolicy {
    /** The reject reason when the judge's score is below the threshold. */
    public static final String JUDGE_BELOW_THRESHOLD = "judge_score_below_threshold";
    /** The reason of a {@link Verdict.Status#JUDGE_FAILED} verdict. */
    public static final String JUDGE_FAILED = "judge_failed";

    /** The reason of a {@link Verdict.Status#JUDGE_FAILED} verdict for a basis this policy cannot decide. */
    public static final String BASIS_UNDECIDABLE = "reward_basis_needs_world";

    /** A check and the basis that calls for it (null: every task). */
    private record Named(RewardBasis basis, Check check) {
    }

    private final List<Named> checks;
    private final JudgeStage judgeStage;
    private final boolean hasWorld;

    private FilterPolicy(List<Named> checks, JudgeStage judgeStage, boolean hasWorld) {
        this.checks = List.copyOf(checks);
        this.judgeStage = judgeStage;
        this.hasWorld = hasWorld;
    }

    /** The deterministic checks for simulated episodes of {@code world}. */
    public static FilterPolicy deterministic(World world) {
        return new FilterPolicy(deterministicChecks(world), null, true);
    }

    /** The checks that need no world (termination, tool use, facts), for trajectories with no world behind them. */
    public static FilterPolicy withoutWorld() {
        return new FilterPolicy(statelessChecks(), null, false);
    }

    /** As {@link #withoutWorld()}, then the rubric judge on the survivors whose basis names it (see {@link #withRubricJudge}). */
    public static FilterPolicy withoutWorld(RubricJudge judge, String policyText, double threshold, double auditFraction, Agreement agreement) {
        return new FilterPolicy(statelessChecks(), new JudgeStage(judge, policyText, threshold, auditFraction, agreement), false);
    }

    /**
     * For imported sessions: the checks that need no world, then, where the sessions are mapped onto a
     * built-in domain's tools ({@code domainTools} not null), {@link DomainToolsCheck}; then the rubric
     * judge on the survivors when {@code judge} is not null (the other arguments as in {@link #withRubricJudge}).
     */
    public static FilterPolicy forSessions(DomainTools domainTools, RubricJudge judge, String policyText, double threshold,
                                           double auditFraction, Agreement agreement) {
        List<Named> checks = new ArrayList<>(statelessChecks());
        if (domainTools != null) checks.add(new Named(null, new DomainToolsCheck(domainTools)));
        return new FilterPolicy(checks, judge == null ? null : new JudgeStage(judge, policyText, threshold, auditFraction, agreement), false);
    }

    /**
     * The deterministic checks, then the rubric judge on the trajectories that pass them.
     *
     * @param policyText    the agent's policy, as shown to the judge
     * @param threshold     the least judge score accepted, in [0,1]
     * @param auditFraction the share of deterministically rejected trajectories judged as well, in [0,1],
     *                      chosen by a hash of the trajectory id; their verdicts only feed {@code agreement}
     * @param agreement     receives (checks passed, judge score >= threshold) for every judged trajectory
     */
    public static FilterPolicy withRubricJudge(World world, RubricJudge judge, String policyText, double threshold,
                                               double auditFraction, Agreement agreement) {
        return new FilterPolicy(deterministicChecks(world), new JudgeStage(judge, policyText, threshold, auditFraction, agreement), true);
    }

    /** In the order the reward checks are reported: termination, state, assertions, actions, info, confirmation. */
    private static List<Named> deterministicChecks(World world) {
        return List.of(new Named(null, new TerminationCheck()), new Named(RewardBasis.STATE, new StateCheck(world)),
                new Named(RewardBasis.ASSERTIONS, new AssertionCheck(world)), new Named(RewardBasis.ACTIONS, new ActionCheck(world)),
                new Named(RewardBasis.FACTS, new InfoCheck()), new Named(RewardBasis.CONFIRMATION, new ConfirmationCheck(world.confirmedTools())));
    }

    /** Termination and tool use (every call answered, no tool error left unaddressed), then facts where the basis names them. */
    private static List<Named> statelessChecks() {
        return List.of(new Named(null, new TerminationCheck()), new Named(null, new ToolUseCheck()), new Named(RewardBasis.FACTS, new InfoCheck()));
    }

    private record JudgeStage(RubricJudge judge, String policyText, double threshold, double auditFraction, Agreement agreement) {
        JudgeStage {
            Objects.requireNonNull(judge, "judge");
            Objects.requireNonNull(policyText, "policyText");
            Objects.requireNonNull(agreement, "agreement");
            if (!(threshold >= 0.0 && threshold <= 1.0)) throw new IllegalArgumentException("judge threshold must be in [0,1], got " + threshold);
            if (!(auditFraction >= 0.0 && auditFraction <= 1.0)) throw new IllegalArgumentException("audit fraction must be in [0,1], got " + auditFraction);
        }

        boolean passes(JudgeOutcome.Judged judged) {
            return judged.score() >= threshold;
        }
    }

    public Verdict judge(Trajectory trajectory, Task task) {
        return judge(trajectory, task, List.of());
    }

    /**
     * As {@link #judge(Trajectory, Task)}, with {@code recorded}: results of checks this policy cannot run again
     * (a stored trajectory's world checks, measured when its world existed) that count as if they had run,
     * after this policy's own checks; one this policy runs itself is run again instead.
     */
    public Verdict judge(Trajectory trajectory, Task task, List<CheckResult> recorded) {
        if (!trajectory.taskId().equals(task.id())) {
            throw new IllegalArgumentException("trajectory " + trajectory.id() + " is for task " + trajectory.taskId() + ", not " + task.id());
        }
        if (trajectory.termination().infraFailure()) {
            return new Verdict(Verdict.Status.INFRA_FAILED, List.of(trajectory.termination().wireName()), List.of());
        }
        if (!hasWorld && task.rewardBasis().stream().anyMatch(RewardBasis::needsWorld)) {
            return new Verdict(Verdict.Status.JUDGE_FAILED, List.of(BASIS_UNDECIDABLE), List.of(), null, null, null, null,
                    "task " + task.id() + " is judged on " + task.rewardBasis().stream().filter(RewardBasis::needsWorld).map(RewardBasis::wireName).toList()
                            + ", which needs the world the episode ran in", BASIS_UNDECIDABLE);
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        List<String> reasons = new ArrayList<>();
        for (Named named : checks) {
            if (named.basis() != null && !task.rewardBasis().contains(named.basis())) continue;
            CheckResult result;
            try {
                result = named.check().run(trajectory, task);
            } catch (dev.trajforge.simenv.tools.ToolSimulationException e) { // the gold replay met a world that could not answer: no verdict
                return new Verdict(Verdict.Status.JUDGE_FAILED, List.of(JUDGE_FAILED), results, null, null, null, null,
                        "the " + named.check().name() + " check replays the gold plan through the tool simulator, which failed: " + e.getMessage(),
                        "tool_simulator_" + e.reason().label());
            } catch (GoldReplayException e) {
                return new Verdict(Verdict.Status.JUDGE_FAILED, List.of(JUDGE_FAILED), results, null, null, null, null, e.getMessage(),
                        GoldReplayException.CAUSE);
            }
            results.add(result);
            if (!result.passed()) reasons.add(result.rejectReason());
        }
        java.util.Set<String> ran = new java.util.HashSet<>();
        results.forEach(result -> ran.add(result.check()));
        for (CheckResult result : recorded) {
            if (ran.contains(result.check())) continue;
            results.add(result);
            if (!result.passed()) reasons.add(result.rejectReason());
        }
        if (judgeStage == null || !task.rewardBasis().contains(RewardBasis.RUBRIC)) {
            return new Verdict(reasons.isEmpty() ? Verdict.Status.ACCEPTED : Verdict.Status.REJECTED, reasons, results);
        }
        if (!reasons.isEmpty()) return audit(trajectory, task, reasons, results);

        JudgeOutcome outcome = judgeStage.judge().judge(trajectory, task, judgeStage.policyText());
        return switch (outcome) {
            case JudgeOutcome.JudgeFailed failed -> new Verdict(Verdict.Status.JUDGE_FAILED, List.of(JUDGE_FAILED), results,
                    null, null, failed.judgeModel(), failed.usage(), failed.reason(), failed.cause());
            case JudgeOutcome.Judged judged -> {
                boolean passed = judgeStage.passes(judged);
                judgeStage.agreement().add(true, passed);
                yield new Verdict(passed ? Verdict.Status.ACCEPTED : Verdict.Status.REJECTED, passed ? List.of() : List.of(JUDGE_BELOW_THRESHOLD),
                        results, judged.score(), judged.rationale(), judged.judgeModel(), judged.usage(), null, null);
            }
        };
    }

    /** A deterministic rejection stays one; an audited one is judged as well, for the agreement only. */
    private Verdict audit(Trajectory trajectory, Task task, List<String> reasons, List<CheckResult> results) {
        if (!audited(trajectory.id(), judgeStage.auditFraction())) return new Verdict(Verdict.Status.REJECTED, reasons, results);
        JudgeOutcome outcome = judgeStage.judge().judge(trajectory, task, judgeStage.policyText());
        return switch (outcome) {
            case JudgeOutcome.JudgeFailed failed -> new Verdict(Verdict.Status.REJECTED, reasons, results,
                    null, null, failed.judgeModel(), failed.usage(), failed.reason(), failed.cause());
            case JudgeOutcome.Judged judged -> {
                judgeStage.agreement().add(false, judgeStage.passes(judged));
                yield new Verdict(Verdict.Status.REJECTED, reasons, results,
                        judged.score(), judged.rationale(), judged.judgeModel(), judged.usage(), null, null);
            }
        };
    }

    /** Whether a trajectory falls in the audit sample: the first 8 bytes of SHA-256("judge-audit", id) as a fraction of 2^64. */
    static boolean audited(String trajectoryId, double auditFraction) {
        if (auditFraction <= 0.0) return false;
        if (auditFraction >= 1.0) return true;
        byte[] digest = Hashing.sha256().digest(("judge-audit\u0000" + trajectoryId).getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 uniformly distributed bits
        return bits * 0x1.0p-53 < auditFraction;
    }
}
