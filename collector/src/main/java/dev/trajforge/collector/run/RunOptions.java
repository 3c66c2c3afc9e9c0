package dev.trajforge.collector.run;

/**
 * How this invocation takes part in a run: where the run directory is ({@code null}: next to the
 * output), which share of the episodes it runs, whether a changed config may continue the run, and
 * whether a committed dataset of another run or config at the output may be replaced (a run always
 * replaces its own).
 */
public record RunOptions(java.nio.file.Path runDir, Worker worker, boolean forceConfig, boolean overwrite) {
    public static final RunOptions DEFAULT = new RunOptions(null, Worker.ALONE, false, false);

    public RunOptions {
        worker = worker == null ? Worker.ALONE : worker;
    }

    /** Without {@code overwrite}. */
    public RunOptions(java.nio.file.Path runDir, Worker worker, boolean forceConfig) {
        this(runDir, worker, forceConfig, false);
    }
}
