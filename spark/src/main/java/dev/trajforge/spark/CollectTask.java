package dev.trajforge.spark;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.run.EpisodeBatch;
import dev.trajforge.collector.run.ModelCallMetrics;
import dev.trajforge.collector.run.RunTally;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One collection task: runs the episodes of a partition that no earlier attempt made durable, with the
 * local run's episode runner (its retries and its rate limits, this task's share of them) and at most
 * the task's share of the run's concurrency at once, journaling each finished episode durably before
 * it counts; then tries to commit the partition. Before each episode it starts it checks the partition's
 * share of the run's budget ({@link JobBudget}); once that is reached it starts no more, lets those in
 * flight finish and be journaled, and does not commit the partition: a later submission goes on from its
 * durable episodes.
 */
final class CollectTask {
    private final JobSpec spec;
    private final FileSystem fs;
    private final Clock clock;

    /**
     * {@code ran}: episodes this attempt ran; {@code committed}: whether its commit won; {@code calls}: this attempt's model
     * calls, per role and endpoint (the driver adds up every partition's for the manifest); {@code stoppedBy}: the budget
     * that stopped it (the partition is then not committed), or null.
     */
    record Outcome(int partition, long ran, boolean committed, ModelCallMetrics calls, JobBudget.Stop stoppedBy) implements Serializable {
        /** An outcome as a task sent it (Java serialization: Spark's encoders take public classes only). */
        static Outcome read(byte[] bytes) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return (Outcome) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot read a collection task's outcome: " + e, e);
            }
        }
    }

    /** What {@link #runPending} did: episodes it started, and the budget that stopped it, or null. */
    private record Ran(long started, JobBudget.Stop stop) {
    }

    /** {@code clock}: the wall clock {@code budget.maxWallSeconds} is checked against. */
    CollectTask(JobSpec spec, FileSystem fs, Clock clock) {
        this.spec = spec;
        this.fs = fs;
        this.clock = clock;
    }

    Outcome run(int partition, String attempt, InjectedFaults faults) {
        PartitionJournal journal = new PartitionJournal(fs, new Path(spec.runDir()), spec.partitions(), partition);
        try {
            if (journal.committed()) return new Outcome(partition, 0, false, ModelCallMetrics.NONE, null);
            PartitionJournal.Durable durable = journal.durable();
            LoadedConfig config = spec.taskConfig();
            EpisodeBatch batch = EpisodeBatch.open(config, (episode, n, failure, detail) ->
                    System.err.println("trajforge: episode " + episode + " attempt " + n + ": " + failure + ": " + detail));
            RunTally spent = new RunTally(config.config());
            if (spec.budget().limitsCost()) journal.readDurable(durable, spent::add); // spend over the whole run, as a local run counts it
            List<PartitionJournal.Source> sources = new ArrayList<>(durable.sources());
            Ran ran;
            try (PartitionJournal.Attempt out = journal.open(attempt)) {
                ran = runPending(batch, partition, durable, out, config.config().concurrency(), faults, spent);
                sources.add(out.source());
            }
            if (ran.stop() != null) {
                System.err.println("trajforge: partition " + partition + " stopped by budget: " + ran.stop()
                        + "; not committed, its durable episodes are kept for the next submission");
                return new Outcome(partition, ran.started(), false, batch.callMetrics(), ran.stop());
            }
            return new Outcome(partition, ran.started(), journal.commit(sources, attempt), batch.callMetrics(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("partition " + partition + " in " + spec.runDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the pending episodes until they are all started or the partition's budget share is reached. {@code spent} holds
     * the durable episodes' spend when a cost budget is set, and takes each finished episode's.
     */
    private Ran runPending(EpisodeBatch batch, int partition, PartitionJournal.Durable durable, PartitionJournal.Attempt out,
                           int concurrency, InjectedFaults faults, RunTally spent) throws IOException {
        Partitions partitions = spec.partitions();
        JobBudget budget = spec.budget();
        long first = partitions.first(partition);
        long earlierThisJob = durable.entriesIn(spec.attemptPrefix()); // a retried task does not get its episode share again
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicLong durableHere = new AtomicLong();
        long started = 0;
        JobBudget.Stop stop = null;
        boolean held = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long episode = first; episode < partitions.end(partition); episode++) {
                if (durable.done().get((int) (episode - first))) continue;
                slots.acquireUninterruptibly();
                if (!held && failed.get() == null) held = faults.holdIfDue(durableHere.get(), fs, spec.runDir());
                if (failed.get() == null) stop = budget.reached(partition, earlierThisJob + started, costUsd(spent), clock.instant());
                if (failed.get() != null || stop != null) {
                    slots.release();
                    break;
                }
                started++;
                long id = episode;
                pool.submit(() -> {
                    try {
                        JournalEntry entry = batch.run(id, 1);
                        out.append(entry);
                        if (budget.limitsCost()) {
                            synchronized (spent) {
                                spent.add(entry);
                            }
                        }
                        if (durableHere.incrementAndGet() == faults.failAfter()) {
                            throw new IllegalStateException(InjectedFaults.FAIL_AFTER + " reached");
                        }
                    } catch (IOException e) {
                        failed.compareAndSet(null, new UncheckedIOException("cannot journal episode " + id + ": " + e.getMessage(), e));
                    } catch (RuntimeException | Error e) {
                        failed.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        Throwable failure = failed.get();
        if (failure instanceof RuntimeException runtime) throw runtime;
        if (failure instanceof Error error) throw error;
        return new Ran(started, stop);
    }

    private static double costUsd(RunTally spent) {
        synchronized (spent) {
            return spent.costUsd();
        }
    }
}
