package dev.trajforge.collector.run;

/** Told about each episode as it is committed to the export, in episode order. */
public interface ProgressListener {
    ProgressListener NONE = (done, total, accepted) -> {
    };

    void episodeDone(long done, long total, long accepted);
}
