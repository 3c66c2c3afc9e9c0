package dev.trajforge.collector.run;

/**
 * How this invocation takes part in a run: where the run directory is ({@code null}: next to the
 * output), which share of the episodes it runs, and whether a changed config may continue the run.
 */
public record RunOptions(String runDir, Worker worker, boolean forceConfig) {
    public static final RunOptions DEFAULT = new RunOptions(null, Worker.ALONE, false);

    public RunOptions {
        worker = worker == null ? Worker.ALONE : worker;
    }
}
