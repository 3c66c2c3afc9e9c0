package dev.trajforge.collector.ingest;

import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Trajectory;

import java.util.ArrayList;
import java.util.List;

/** A verdict about a trajectory as the exporter's record: the checks in the order they ran, then the judge's. */
final class SessionRecords {
    private SessionRecords() {
    }

    /** {@code threshold} is the judge's: its score is a passed check when it met it. */
    static ExportRecord of(Trajectory trajectory, Verdict verdict, List<String> intents, double threshold) {
        List<RewardCheck> checks = new ArrayList<>();
        verdict.checks().forEach(check -> checks.add(RewardCheck.deterministic(check.check(), check.passed())));
        if (verdict.judgeScore() != null) checks.add(RewardCheck.rubricJudge(verdict.judgeScore(), threshold));
        return switch (verdict.status()) {
            case ACCEPTED -> ExportRecord.accepted(trajectory, verdict.reward(), verdict.judgeScore(), verdict.judgeRationale(),
                    verdict.judgeModel()).withChecks(checks).withIntents(intents);
            case REJECTED -> ExportRecord.rejected(trajectory, verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel(),
                    verdict.reasons()).withChecks(checks).withIntents(intents);
            case INFRA_FAILED, JUDGE_FAILED -> ExportRecord.infraFailed(trajectory); // a judge failure is never a verdict
        };
    }
}
