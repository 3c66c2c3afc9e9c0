package dev.trajforge.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;

/**
 * Faults a test injects into the first attempt of each collection task, set as system properties of the
 * driver: {@value #FAIL_AFTER} fails the task once that many of its episodes are durable;
 * {@value #HOLD_AFTER} holds it (episodes in flight finish, no new one starts) once that many are
 * durable, until the file {@code <run-dir>/spark/_release} exists, so that a test can kill an executor at
 * a known point. Off (-1) unless set.
 */
record InjectedFaults(long failAfter, long holdAfter) implements Serializable {
    static final String FAIL_AFTER = "trajforge.spark.failAfterEpisodes";
    static final String HOLD_AFTER = "trajforge.spark.holdAfterEpisodes";
    static final InjectedFaults NONE = new InjectedFaults(-1, -1);

    static InjectedFaults fromSystemProperties() {
        return new InjectedFaults(Long.getLong(FAIL_AFTER, -1), Long.getLong(HOLD_AFTER, -1));
    }

    static InjectedFaults failAfter(long episodes) {
        return new InjectedFaults(episodes, -1);
    }

    static Path release(String runDir) {
        return new Path(new Path(runDir, "spark"), "_release");
    }

    /** Holds while the release file is missing once {@code durable} episodes reached the hold point; true if it held. */
    boolean holdIfDue(long durable, FileSystem fs, String runDir) throws IOException {
        if (holdAfter < 0 || durable < holdAfter) return false;
        Path release = release(runDir);
        while (!fs.exists(release)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("held before " + release + " existed");
            }
        }
        return true;
    }
}
