package dev.trajforge.judge;

import dev.trajforge.simenv.ClassifiedFailure;
import dev.trajforge.simenv.Usage;

import java.util.List;
import java.util.Objects;

/**
 * What the LLM rubric judge made of one trajectory: a judgement, or a failure to judge. A failure is
 * never a pass or a fail: it says nothing about the agent. {@code usage} is what this judge call
 * spent (summed over an ensemble; {@link Usage#NONE} when the judgement came from the cache).
 */
public sealed interface JudgeOutcome {
    String judgeModel();

    Usage usage();

    /**
     * Every criterion judged. {@code score} is the weighted share of passed criteria in [0,1];
     * {@code rationale} holds the failed criteria's reasons, or a one-line summary when all passed.
     */
    record Judged(List<CriterionVerdict> verdicts, double score, String rationale, String judgeModel, Usage usage)
            implements JudgeOutcome {
        public Judged {
            verdicts = List.copyOf(verdicts);
            if (verdicts.isEmpty()) throw new IllegalArgumentException("a judgement needs at least one criterion verdict");
            if (!(score >= 0.0 && score <= 1.0)) throw new IllegalArgumentException("score must be in [0,1], got " + score);
            Objects.requireNonNull(rationale, "rationale");
            Objects.requireNonNull(judgeModel, "judgeModel");
            usage = usage == null ? Usage.NONE : usage;
        }

        /** The same judgement, re-labelled with what a call that reused it spent. */
        Judged withUsage(Usage spent) {
            return new Judged(verdicts, score, rationale, judgeModel, spent);
        }
    }

    /**
     * The judge could not give a usable verdict (model error, unparseable or incomplete reply).
     * {@code cause} is its class, to count judge failures by: the model call's own ({@code http_500},
     * {@code timeout}, ...), {@code empty_response}, {@code invalid_verdict} or {@code bad_rubric};
     * {@code reason} says what happened.
     */
    record JudgeFailed(String cause, String reason, String judgeModel, Usage usage) implements JudgeOutcome {
        public static final String EMPTY_RESPONSE = "empty_response";
        public static final String INVALID_VERDICT = "invalid_verdict";
        public static final String BAD_RUBRIC = "bad_rubric";

        public JudgeFailed {
            if (!ClassifiedFailure.isCauseClass(cause)) throw new IllegalArgumentException("a judge failure's cause is one lowercase word, got '" + cause + "'");
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a judge failure needs a reason");
            Objects.requireNonNull(judgeModel, "judgeModel");
            usage = usage == null ? Usage.NONE : usage;
        }
    }
}
