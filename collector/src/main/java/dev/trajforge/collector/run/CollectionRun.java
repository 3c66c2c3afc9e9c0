package dev.trajforge.collector.run;

import dev.trajforge.collector.config.Budget;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.DamagedLine;
import dev.trajforge.collector.journal.Journal;
import dev.trajforge.collector.journal.JournalHeader;
import dev.trajforge.collector.journal.JournalRepair;
import dev.trajforge.collector.journal.JournalWriteException;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Task;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One invocation of a collection run. Builds the seeded worlds once ({@link RunWorlds}: one per domain),
 * works out from the run journal which of this worker's episodes still need running (never journaled, or infra-failed fewer than
 * {@value #MAX_ATTEMPTS} times), runs them on virtual threads with at most {@code concurrency} in
 * flight, journals each one (fsynced) as it finishes, and — when every episode of every worker is
 * journaled — writes the dataset from the journal in episode order. So a crash at any moment loses at
 * most the episodes in flight, and the resumed run exports exactly what an uninterrupted one would.
 */
public final class CollectionRun {
    /** Attempts per episode across resumes before an infra failure is final. */
    static final int MAX_ATTEMPTS = 3;

    private final LoadedConfig loaded;
    private final RunConfig config;
    private final Clock clock;
    private final ProgressListener progress;
    private final RunOptions options;
    private final List<Domain> domains;
    private final RoleModels models;
    /** episodes started by this invocation */
    private long ran;
    /** when this process's episodes finished, for the manifest's metrics.timeline (set when episodes start) */
    private RunTimeline timeline;

    public CollectionRun(LoadedConfig loaded, Clock clock, ProgressListener progress) {
        this(loaded, clock, progress, Providers.fromEnvironment(), RunOptions.DEFAULT);
    }

    public CollectionRun(LoadedConfig loaded, Clock clock, ProgressListener progress, Providers providers) {
        this(loaded, clock, progress, providers, RunOptions.DEFAULT);
    }

    /** Validates what the config loader cannot know (the domain, providers and keys) before any work. */
    public CollectionRun(LoadedConfig loaded, Clock clock, ProgressListener progress, Providers providers, RunOptions options) {
        this.loaded = loaded;
        this.config = loaded.config();
        this.clock = clock;
        this.progress = progress;
        this.options = options;
        this.domains = RunWorlds.domains(loaded);
        this.models = new RoleModels(config, loaded.file(), providers);
    }

    @SuppressWarnings("try") // the worker lock is held for the whole block, never used in it
    public RunReport execute() {
        long started = System.nanoTime();
        // an unusable output fails now, naming the key, and leaves nothing behind; so does another dataset already committed there
        RunDirectory dir = RunDirectory.forOutput(loaded, options.runDir());
        try {
            JournalExport.probe(loaded, options.overwrite() || JournalExport.committedBySameRun(loaded));
        } catch (ConfigException refused) {
            if (!config.runId().equals(JournalExport.committedRunId(loaded))) throw refused;
            throw new ConfigException(refused.getMessage() + ". It holds this run's dataset made with other export options; to write this"
                    + " run's episodes as " + config.export().format() + " without running anything: `trajforge export " + dir.root()
                    + " --format " + config.export().format() + " --out URI`");
        }
        dir.create();
        Worker worker = options.worker();
        try (RunLock held = dir.lockWorker(worker, clock)) {
            RunLog log = new RunLog(dir.runLog(), clock);
            RunWorlds worlds = RunWorlds.build(loaded, domains, models, log);
            List<Task> tasks = worlds.tasks();
            long total = (long) tasks.size() * config.trials();
            JournalIndex index = setAsideDamagedLines(dir, JournalIndex.of(dir.journals(), total), total, log);
            boolean newHeader = dir.checkConfig(loaded, index, dir.journal(worker), options.forceConfig());
            long pending = pendingCount(index, total);
            String tag = worker.index() + "/" + worker.count();
            if (pending == 0 && index.size() == total && JournalExport.committed(loaded)) {
                dir.markDone(worker);
                log.event("already_complete", "worker", tag);
                return new RunReport(config.runId(), RunReport.Status.ALREADY_COMPLETE, null, elapsed(started), 0, Map.of(),
                        "already complete: " + total + " episodes journaled and the dataset is committed; nothing to do"
                                + " (`trajforge export " + dir.root() + " --out URI --format F` writes it again elsewhere or in another format)");
            }
            log.event("start", "worker", tag, "episodes", total, "pending", pending);
            String stop = runPending(pending, worlds, index, dir, log, total, newHeader);
            if (stop != null) {
                log.event("budget_stop", "reason", stop);
                return new RunReport(config.runId(), RunReport.Status.STOPPED_BY_BUDGET, null, elapsed(started), ran, Map.of(),
                        "stopped by budget: " + stop + "; run the same command again to resume");
            }
            JournalIndex after = JournalIndex.of(dir.journals(), total); // one scan serves the check, the workers' state and the export
            long missing = unjournaled(after, total);
            if (missing > 0) {
                throw new IllegalStateException("worker " + tag + ": " + missing + " episodes not journaled after the run");
            }
            dir.markDone(worker);
            return new RunCommit(loaded, dir, clock).commitIfReady(worker.count(), options.overwrite(),
                    runMetrics(worlds), started, ran, after);
        }
    }

    /**
     * What the manifest adds about this process's run: model calls, rate limits, when its episodes finished (the timeline), and
     * the tool simulator where a domain simulates tools.
     */
    private Map<String, Object> runMetrics(RunWorlds worlds) {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        ModelCallMetrics calls = models.callMetrics();
        metrics.put("model_calls", calls.modelCalls());
        metrics.put("rate_limits", calls.rateLimits());
        if (timeline != null && !timeline.metrics().isEmpty()) metrics.put("timeline", timeline.metrics());
        if (worlds.simulatesTools()) metrics.put("tool_simulator", models.toolSimulatorMetrics());
        return metrics;
    }

    /**
     * Sets this worker's damaged journal lines aside (reported on stderr, one line each, and in the run
     * log) so their episodes run again; returns the index of what is left.
     */
    private JournalIndex setAsideDamagedLines(RunDirectory dir, JournalIndex index, long total, RunLog log) {
        Path own = dir.journal(options.worker());
        List<DamagedLine> damaged = index.damaged().stream().filter(line -> line.file().equals(own)).toList();
        if (damaged.isEmpty()) return index;
        Path aside = JournalRepair.setAside(own, damaged, dir.damagedDir());
        for (DamagedLine line : damaged) {
            System.err.println("trajforge: damaged journal line set aside: " + line.describe() + " (kept in " + aside + "); its episode runs again");
            log.event("journal_line_set_aside", "file", own.toString(), "line", line.line(), "reason", line.reason());
        }
        return JournalIndex.of(dir.journals(), total);
    }

    /** Runs the pending episodes; returns the budget that stopped scheduling, or null. */
    private String runPending(long pending, RunWorlds worlds, JournalIndex index, RunDirectory dir, RunLog log, long total, boolean newHeader) {
        List<Task> tasks = worlds.tasks();
        RunTally tally = priorTally(index, total);
        Budget budget = config.budget();
        long started = System.nanoTime();
        timeline = new RunTimeline(clock.instant());
        long[] done = {total - pending};
        AtomicReference<FatalModelException> fatal = new AtomicReference<>();
        AtomicReference<JournalWriteException> unwritable = new AtomicReference<>();
        AtomicReference<Throwable> defect = new AtomicReference<>();
        Semaphore slots = new Semaphore(config.concurrency());
        String stop = null;
        JournalHeader header = new JournalHeader(config.runId(), options.worker().index() + "/" + options.worker().count(), loaded.sha256(),
                RunDirectory.configTree(config));
        try (Journal journal = Journal.open(dir.journal(options.worker()), header, newHeader);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long episode = 0; episode < total; episode++) {
                int attempt = nextAttempt(index, episode);
                if (attempt == 0) continue;
                stop = budgetReached(budget, tally, started);
                if (stop != null || fatal.get() != null || unwritable.get() != null || defect.get() != null) break;
                slots.acquireUninterruptibly();
                ran++;
                long id = episode;
                pool.submit(() -> {
                    try {
                        int taskIndex = (int) (id / config.trials());
                        JournalEntry entry = worlds.workFor(taskIndex).run(id, tasks.get(taskIndex), (int) (id % config.trials()), attempt);
                        journal.append(entry);
                        synchronized (tally) {
                            tally.add(entry);
                            timeline.finished(clock.instant(), entry.status());
                            progress.episodeDone(++done[0], total, tally.accepted(), tally.costUsd());
                        }
                    } catch (FatalModelException e) {
                        fatal.compareAndSet(null, e);
                    } catch (JournalWriteException e) {
                        unwritable.compareAndSet(null, e); // no new episode starts: its result could not be kept
                    } catch (RuntimeException | Error e) {
                        defect.compareAndSet(null, e); // a bug outside any episode's own handling: stop and say so, never drop it
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (JournalWriteException e) {
            unwritable.compareAndSet(null, e); // the journal could not even be opened
        } // waits for the episodes in flight: they finish and are journaled (or, with a broken journal, are dropped)
        if (defect.get() != null) {
            log.event("defect", "message", String.valueOf(defect.get()));
            throw new IllegalStateException("an episode failed outside its own error handling (a bug; finished episodes are journaled): "
                    + defect.get(), defect.get());
        }
        if (unwritable.get() != null) {
            log.event("journal_unwritable", "message", unwritable.get().getMessage());
            throw new RunDirectoryException(unwritable.get().getMessage() + "; stopped after " + (done[0] - (total - pending))
                    + " episodes this run, every finished one before it is kept; run the same command to resume once it can be written",
                    unwritable.get());
        }
        if (fatal.get() != null) {
            log.event("abort", "message", fatal.get().getMessage());
            throw new RunAbortedException("aborted: " + fatal.get().getMessage()
                    + "; finished episodes are journaled, rerun the same command after fixing it to resume", fatal.get());
        }
        return stop;
    }

    /** How many of this worker's episodes are still to run (computed, not stored: nothing here grows with the run). */
    private long pendingCount(JournalIndex index, long total) {
        long pending = 0;
        for (long episode = 0; episode < total; episode++) if (nextAttempt(index, episode) > 0) pending++;
        return pending;
    }

    /** The attempt to run {@code episode} as: 1 when this worker owns it and it is not journaled, the next attempt when it
     *  infra-failed and may be retried, else 0 (not this worker's, or finished). */
    private int nextAttempt(JournalIndex index, long episode) {
        if (!options.worker().owns(episode)) return 0;
        JournalIndex.Slot slot = index.slot(episode);
        if (slot == null) return 1;
        return slot.status() == RecordStatus.INFRA_FAILED && slot.attempt() < MAX_ATTEMPTS ? slot.attempt() + 1 : 0;
    }

    /** Spend so far, for a cost budget (read from the journal only when one is set). */
    private RunTally priorTally(JournalIndex index, long total) {
        RunTally tally = new RunTally(config);
        if (config.budget().maxCostUsd() != null) index.forEachInOrder(total, tally::add);
        return tally;
    }

    private String budgetReached(Budget budget, RunTally tally, long started) {
        if (budget.maxEpisodes() != null && ran >= budget.maxEpisodes()) return "maxEpisodes " + budget.maxEpisodes();
        if (budget.maxWallSeconds() != null && System.nanoTime() - started >= budget.maxWallSeconds() * 1_000_000_000L) {
            return "maxWallSeconds " + budget.maxWallSeconds();
        }
        synchronized (tally) {
            if (budget.maxCostUsd() != null && tally.costUsd() >= budget.maxCostUsd()) return "maxCostUsd " + budget.maxCostUsd();
        }
        return null;
    }

    /** This worker's episodes without a journal entry. */
    private long unjournaled(JournalIndex index, long total) {
        long missing = 0;
        for (long episode = 0; episode < total; episode++) if (options.worker().owns(episode) && index.slot(episode) == null) missing++;
        return missing;
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
