package dev.trajforge.exporter;

import dev.trajforge.simenv.Trajectory;

import java.util.List;
import java.util.Objects;

/**
 * One episode as the exporter sees it: the trajectory plus the verdict about it.
 *
 * <p>{@code judgeModel} is the {@code provider/model} of the LLM judge, or null when no LLM judge ran
 * (the row then says {@code "none"}). {@code judgeScore} and {@code judgeRationale} are null when no LLM
 * judge ran. Rejected rows carry reward 0 and at least one reason; the first reason is the one the
 * manifest counts.
 */
public record ExportRecord(Trajectory trajectory, RecordStatus status, double reward, Double judgeScore,
                           String judgeRationale, String judgeModel, List<String> rejectReasons) {
    public ExportRecord {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(status, "status");
        String id = trajectory.id();
        rejectReasons = rejectReasons == null ? List.of() : List.copyOf(rejectReasons);
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
    }

    public static ExportRecord accepted(Trajectory trajectory, double reward, Double judgeScore,
                                        String judgeRationale, String judgeModel) {
        return new ExportRecord(trajectory, RecordStatus.ACCEPTED, reward, judgeScore, judgeRationale, judgeModel, List.of());
    }

    public static ExportRecord rejected(Trajectory trajectory, Double judgeScore, String judgeRationale,
                                        String judgeModel, List<String> rejectReasons) {
        return new ExportRecord(trajectory, RecordStatus.REJECTED, 0.0, judgeScore, judgeRationale, judgeModel, rejectReasons);
    }

    public static ExportRecord infraFailed(Trajectory trajectory) {
        return new ExportRecord(trajectory, RecordStatus.INFRA_FAILED, 0.0, null, null, null, List.of());
    }

    /** This accepted episode as a removed duplicate: rejected, reward 0, the single reason {@link Dedup#REASON}; judge fields kept. */
    ExportRecord asDuplicate() {
        if (status != RecordStatus.ACCEPTED) {
            throw new IllegalStateException("trajectory " + trajectory.id() + ": only an accepted record is a duplicate, this one is " + status);
        }
        return rejected(trajectory, judgeScore, judgeRationale, judgeModel, List.of(Dedup.REASON));
    }

    /** The reason the manifest counts this rejected record under. */
    String primaryRejectReason() {
        return rejectReasons.getFirst();
    }
}
