package dev.trajforge.exporter;

import dev.trajforge.simenv.Trajectory;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One episode as the exporter sees it: the trajectory plus the verdict about it.
 *
 * <p>{@code judgeModel} is the {@code provider/model} of the LLM judge, or null when no LLM judge ran
 * (the row then says {@code "none"}). {@code judgeScore} and {@code judgeRationale} are null when no LLM
 * judge ran. Rejected rows carry reward 0 and at least one reason; the first reason is the one the
 * manifest counts.
 *
 * <p>{@code checks} are what the reward is made of, written as the row's {@code reward_checks}: the
 * deterministic checks in the order they ran, then the LLM judge's {@link RewardCheck#RUBRIC_JUDGE} when
 * it ran. Empty when unknown (a record from before they were kept) and always for infra failures; an
 * accepted record passed every one. {@code intents} are the task's intents in conversation order (such as
 * {@code [return, modify_address]}); they are not a column, the dataset card counts episodes by them.
 */
public record ExportRecord(Trajectory trajectory, RecordStatus status, double reward, Double judgeScore,
                           String judgeRationale, String judgeModel, List<String> rejectReasons,
                           List<RewardCheck> checks, List<String> intents) {
    public ExportRecord {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(status, "status");
        String id = trajectory.id();
        rejectReasons = rejectReasons == null ? List.of() : List.copyOf(rejectReasons);
        checks = checks == null ? List.of() : List.copyOf(checks);
        intents = intents == null ? List.of() : List.copyOf(intents);
        if (!(reward >= 0.0 && reward <= 1.0)) {
            throw new IllegalArgumentException("trajectory " + id + ": reward must be in [0,1], got " + reward);
        }
        if (judgeScore != null && !(judgeScore >= 0.0 && judgeScore <= 1.0)) {
            throw new IllegalArgumentException("trajectory " + id + ": judgeScore must be null or in [0,1], got " + judgeScore);
        }
        for (String reason : rejectReasons) {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("trajectory " + id + ": reject reason is blank");
            }
        }
        if (status == RecordStatus.ACCEPTED && !rejectReasons.isEmpty()) {
            throw new IllegalArgumentException("trajectory " + id + ": an accepted record has no reject reasons, got " + rejectReasons);
        }
        if (status == RecordStatus.REJECTED && rejectReasons.isEmpty()) {
            throw new IllegalArgumentException("trajectory " + id + ": a rejected record needs at least one reject reason");
        }
        if (status == RecordStatus.REJECTED && reward != 0.0) {
            throw new IllegalArgumentException("trajectory " + id + ": a rejected record has reward 0, got " + reward);
        }
        Set<String> names = new HashSet<>();
        for (RewardCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("trajectory " + id + ": reward check " + check.name() + " appears twice");
            }
            if (status == RecordStatus.ACCEPTED && !check.passed()) {
                throw new IllegalArgumentException("trajectory " + id + ": an accepted record passed every check, " + check.name() + " failed");
            }
        }
        if (status == RecordStatus.INFRA_FAILED && !checks.isEmpty()) {
            throw new IllegalArgumentException("trajectory " + id + ": an infra-failed record was not judged, got checks " + checks);
        }
        for (String intent : intents) {
            if (intent.isBlank()) {
                throw new IllegalArgumentException("trajectory " + id + ": intent is blank");
            }
        }
    }

    public static ExportRecord accepted(Trajectory trajectory, double reward, Double judgeScore,
                                        String judgeRationale, String judgeModel) {
        return new ExportRecord(trajectory, RecordStatus.ACCEPTED, reward, judgeScore, judgeRationale, judgeModel, List.of(), List.of(), List.of());
    }

    public static ExportRecord rejected(Trajectory trajectory, Double judgeScore, String judgeRationale,
                                        String judgeModel, List<String> rejectReasons) {
        return new ExportRecord(trajectory, RecordStatus.REJECTED, 0.0, judgeScore, judgeRationale, judgeModel, rejectReasons, List.of(), List.of());
    }

    public static ExportRecord infraFailed(Trajectory trajectory) {
        return new ExportRecord(trajectory, RecordStatus.INFRA_FAILED, 0.0, null, null, null, List.of(), List.of(), List.of());
    }

    /** This record with the checks its reward is made of. */
    public ExportRecord withChecks(List<RewardCheck> checks) {
        return new ExportRecord(trajectory, status, reward, judgeScore, judgeRationale, judgeModel, rejectReasons, checks, intents);
    }

    /** This record with its task's intents. */
    public ExportRecord withIntents(List<String> intents) {
        return new ExportRecord(trajectory, status, reward, judgeScore, judgeRationale, judgeModel, rejectReasons, checks, intents);
    }

    /** This accepted episode as a removed duplicate: rejected, reward 0, the single reason {@link Dedup#REASON}; judge fields, checks and intents kept. */
    public ExportRecord asDuplicate() {
        if (status != RecordStatus.ACCEPTED) {
            throw new IllegalStateException("trajectory " + trajectory.id() + ": only an accepted record is a duplicate, this one is " + status);
        }
        return new ExportRecord(trajectory, RecordStatus.REJECTED, 0.0, judgeScore, judgeRationale, judgeModel, List.of(Dedup.REASON),
                checks, intents);
    }

    /** The reason the manifest counts this rejected record under. */
    String primaryRejectReason() {
        return rejectReasons.getFirst();
    }
}
