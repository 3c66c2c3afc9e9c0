package dev.trajforge.collector.run;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.exporter.FailPoints;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's dataset once every worker is done, under the run's commit lock, from the same steps
 * whoever starts it (the last worker of {@code trajforge run}, or {@code trajforge commit}). The commit
 * is idempotent: a commit interrupted at any moment leaves no {@code _SUCCESS} (or this run's own), the
 * lock dies with its process, and the next attempt stages everything again, removes what the
 * interrupted one published and publishes afresh.
 */
public final class RunCommit {
    private final LoadedConfig loaded;
    private final RunDirectory dir;
    private final Clock clock;
    private final RunLog log;

    public RunCommit(LoadedConfig loaded, RunDirectory dir, Clock clock) {
        this.loaded = loaded;
        this.dir = dir;
        this.clock = clock;
        this.log = new RunLog(dir.runLog(), clock);
    }

    /**
     * Commits if every one of {@code workers} is done and no other process is committing; otherwise a
     * report that says who is still working or committing. {@code overwrite}: replace a dataset of
     * another run or config at the output. {@code episodesRun}: by this invocation, for the summary.
     */
    public RunReport commitIfReady(int workers, boolean overwrite, Map<String, Object> liveMetrics, long started, long episodesRun) {
        return commitIfReady(workers, overwrite, liveMetrics, started, episodesRun, JournalIndex.of(dir.journals(), loaded.config().episodes()));
    }

    /** As above, with the run's journals already indexed (by a worker that just finished its share). */
    RunReport commitIfReady(int workers, boolean overwrite, Map<String, Object> liveMetrics, long started, long episodesRun, JournalIndex index) {
        long total = loaded.config().episodes();
        List<Integer> waiting = dir.workersNotDone(workers, index, total);
        if (!waiting.isEmpty()) {
            log.event("worker_done", "waiting_for", waiting);
            return new RunReport(loaded.config().runId(), RunReport.Status.WORKER_DONE, null, elapsed(started), episodesRun, Map.of(),
                    "done here; waiting for workers " + waiting + " of " + workers
                            + " (the last one to finish, or `trajforge commit " + dir.root() + "`, writes the dataset)");
        }
        RunLock lock;
        try {
            lock = dir.lockCommit(clock);
        } catch (RunLockedException busy) {
            log.event("worker_done", "committing_elsewhere", busy.holder());
            return new RunReport(loaded.config().runId(), RunReport.Status.COMMITTING_ELSEWHERE, null, elapsed(started), episodesRun,
                    Map.of(), "every worker is done; " + busy.holder() + " is writing the dataset");
        }
        try (lock) {
            if (JournalExport.committed(loaded)) { // another process finished the commit between our check and the lock
                return new RunReport(loaded.config().runId(), RunReport.Status.ALREADY_COMPLETE, null, elapsed(started), episodesRun,
                        Map.of(), "already complete: the dataset is committed");
            }
            FailPoints.reach("commit.locked");
            log.event("commit_start", "workers", workers);
            JournalExport.Exported exported = JournalExport.export(loaded, dir, index, overwrite || JournalExport.committedBySameRun(loaded),
                    clock, liveMetrics);
            log.event("commit", "episodes", exported.result().episodes(), "accepted", exported.result().accepted(),
                    "output", exported.result().outputUri().toString());
            FailPoints.reach("commit.before_unlock");
            return new RunReport(loaded.config().runId(), RunReport.Status.COMMITTED, exported.result(), elapsed(started), episodesRun,
                    exported.infraFailures(), null);
        } catch (RuntimeException e) {
            log.event("commit_failed", "message", String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
