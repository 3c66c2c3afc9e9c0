package dev.trajforge.collector.run;

/** Told about each episode as it is committed to the export, in episode order. */
public interface ProgressListener {
    ProgressListener NONE = (done, total, accepted, costUsd) -> {
    };

    /** {@code costUsd}: spend so far (this invocation; with a cost budget, the whole run). */
    void episodeDone(long done, long total, long accepted, double costUsd);
}
