package dev.trajforge.judge;

import dev.trajforge.simenv.Usage;

import java.util.List;
import java.util.Objects;

/**
 * The filter's decision on one trajectory. {@code reasons} are the failed checks' reject reasons in
 * check order (the first is the one counted in the manifest); infra failures carry their cause.
 *
 * <p>The judge fields are set when the LLM rubric judge ran (null otherwise): its weighted
 * {@code judgeScore} in [0,1], {@code judgeRationale}, {@code judgeModel} (labels joined with "+"),
 * the tokens it spent on this trajectory ({@code judgeUsage}, {@link Usage#NONE} when it did not run or
 * the judgement came from the cache) and, when it could not judge, {@code judgeFailure} with its cause class
 * {@code judgeFailureCause} (see {@link JudgeOutcome.JudgeFailed#cause()}).
 * {@link Status#JUDGE_FAILED} means the deterministic checks passed but the judge gave no usable
 * verdict: neither accepted nor rejected, like an infra failure it says nothing about the agent.
 */
public record Verdict(Status status, List<String> reasons, List<CheckResult> checks,
                      Double judgeScore, String judgeRationale, String judgeModel, Usage judgeUsage, String judgeFailure,
                      String judgeFailureCause) {
    public enum Status { ACCEPTED, REJECTED, INFRA_FAILED, JUDGE_FAILED }

    public Verdict {
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        judgeUsage = judgeUsage == null ? Usage.NONE : judgeUsage;
        if (status == Status.ACCEPTED && !reasons.isEmpty()) throw new IllegalArgumentException("accepted verdict with reasons " + reasons);
        if (status != Status.ACCEPTED && reasons.isEmpty()) throw new IllegalArgumentException(status + " verdict needs a reason");
        if (judgeScore != null && !(judgeScore >= 0.0 && judgeScore <= 1.0)) {
            throw new IllegalArgumentException("judgeScore must be null or in [0,1], got " + judgeScore);
        }
        if (status == Status.JUDGE_FAILED && (judgeFailure == null || judgeFailure.isBlank())) {
            throw new IllegalArgumentException("a judge_failed verdict needs the judge's failure");
        }
        if ((judgeFailure == null) != (judgeFailureCause == null)) {
            throw new IllegalArgumentException("a judge failure and its cause come together, got " + judgeFailureCause + " for " + judgeFailure);
        }
    }

    /** A verdict without the LLM judge. */
    public Verdict(Status status, List<String> reasons, List<CheckResult> checks) {
        this(status, reasons, checks, null, null, null, Usage.NONE, null, null);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** 1.0 when accepted (every deterministic check passed, and the judge's score met the threshold if it ran), else 0.0. */
    public double reward() {
        return accepted() ? 1.0 : 0.0;
    }
}
