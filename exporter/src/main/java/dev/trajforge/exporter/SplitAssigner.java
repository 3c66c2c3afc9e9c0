package dev.trajforge.exporter;

import dev.trajforge.simenv.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Assigns rows to splits by task: a task goes to {@code validation} iff the SHA-256 of its id, read as a
 * number in [0,1), falls below the validation fraction. Every trial of a task lands in the same split,
 * and the same task lands in the same split in every run and on every JVM.
 */
final class SplitAssigner {
    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    static final String REJECTED = "rejected";

    private final double validationFraction;
    /** the last task asked about and its split: a task's trials usually come one after another */
    private String lastTask;
    private String lastSplit;

    SplitAssigner(double validationFraction) {
        if (!(validationFraction >= 0.0 && validationFraction <= 1.0)) {
            throw new IllegalArgumentException("validationFraction must be in [0,1], got " + validationFraction);
        }
        this.validationFraction = validationFraction;
    }

    String splitOf(String taskId) {
        if (!taskId.equals(lastTask)) {
            lastSplit = position(taskId) < validationFraction ? VALIDATION : TRAIN;
            lastTask = taskId;
        }
        return lastSplit;
    }

    /** The task's place in [0,1): the first 53 bits of SHA-256(taskId). */
    static double position(String taskId) {
        byte[] hash = Hashing.sha256().digest(taskId.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(hash).getLong();
        return (bits >>> 11) * 0x1.0p-53;
    }
}
