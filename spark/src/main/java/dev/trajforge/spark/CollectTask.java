package dev.trajforge.spark;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.run.EpisodeBatch;
import dev.trajforge.collector.run.ModelCallMetrics;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
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
 * it counts; then tries to commit the partition.
 */
final class CollectTask {
    private final JobSpec spec;
    private final FileSystem fs;

    /**
     * {@code ran}: episodes this attempt ran; {@code committed}: whether its commit won; {@code calls}: this attempt's model
     * calls, per role and endpoint (the driver adds up every partition's for the manifest).
     */
    record Outcome(int partition, long ran, boolean committed, ModelCallMetrics calls) implements Serializable {
        /** An outcome as a task sent it (Java serialization: Spark's encoders take public classes only). */
        static Outcome read(byte[] bytes) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                return (Outcome) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot read a collection task's outcome: " + e, e);
            }
        }
    }

    CollectTask(JobSpec spec, FileSystem fs) {
        this.spec = spec;
        this.fs = fs;
    }

    Outcome run(int partition, String attempt, InjectedFaults faults) {
        PartitionJournal journal = new PartitionJournal(fs, new Path(spec.runDir()), spec.partitions(), partition);
        try {
            if (journal.committed()) return new Outcome(partition, 0, false, ModelCallMetrics.NONE);
            PartitionJournal.Durable durable = journal.durable();
            LoadedConfig config = spec.taskConfig();
            EpisodeBatch batch = EpisodeBatch.open(config, (episode, n, failure, detail) ->
                    System.err.println("trajforge: episode " + episode + " attempt " + n + ": " + failure + ": " + detail));
            List<PartitionJournal.Source> sources = new ArrayList<>(durable.sources());
            long ran;
            try (PartitionJournal.Attempt out = journal.open(attempt)) {
                ran = runPending(batch, partition, durable, out, config.config().concurrency(), faults);
                sources.add(out.source());
            }
            return new Outcome(partition, ran, journal.commit(sources, attempt), batch.callMetrics());
        } catch (IOException e) {
            throw new UncheckedIOException("partition " + partition + " in " + spec.runDir() + ": " + e.getMessage(), e);
        }
    }

    private long runPending(EpisodeBatch batch, int partition, PartitionJournal.Durable durable, PartitionJournal.Attempt out,
                            int concurrency, InjectedFaults faults) throws IOException {
        Partitions partitions = spec.partitions();
        long first = partitions.first(partition);
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicLong durableHere = new AtomicLong();
        long started = 0;
        boolean held = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long episode = first; episode < partitions.end(partition); episode++) {
                if (durable.done().get((int) (episode - first))) continue;
                slots.acquireUninterruptibly();
                if (!held && failed.get() == null) held = faults.holdIfDue(durableHere.get(), fs, spec.runDir());
                if (failed.get() != null) {
                    slots.release();
                    break;
                }
                started++;
                long id = episode;
                pool.submit(() -> {
                    try {
                        JournalEntry entry = batch.run(id, 1);
                        out.append(entry);
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
        return started;
    }
}
