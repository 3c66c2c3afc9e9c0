package dev.trajforge.exporter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one split's {@link ShardWriter} on a thread of its own, so the splits of an export are encoded
 * and compressed in parallel while the caller goes on with the next records. Each split's rows are
 * still written by one thread in the order given, so its shards are byte for byte what a synchronous
 * writer makes. Rows are handed over in batches of {@link #BATCH}: one hand-over per row woke the
 * writer's thread for nearly every row, and the futex calls of those wake-ups cost more CPU than
 * encoding the row. At most {@link #IN_FLIGHT} rows wait per split. A write that fails is reported by
 * the next {@link #write} or by {@link #finish}, with the failing row named, and no later row is written.
 */
final class BackgroundShardWriter<T> {
    static final int BATCH = 128;
    static final int IN_FLIGHT = 2 * BATCH;

    private final ShardWriter<T> writer;
    private final ExecutorService thread;
    private final Semaphore batches = new Semaphore(IN_FLIGHT / BATCH);
    private List<T> batch = new ArrayList<>(BATCH);
    private Future<List<StagedShard>> closing;
    private volatile RuntimeException failure;

    BackgroundShardWriter(String split, ShardWriter<T> writer) {
        this.writer = writer;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "trajforge-export-" + split);
            t.setDaemon(true);
            return t;
        });
    }

    void write(T row) {
        rethrowFailure();
        batch.add(row);
        if (batch.size() == BATCH) {
            handOver();
        }
    }

    private void handOver() {
        List<T> rows = batch;
        batch = new ArrayList<>(BATCH);
        batches.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                for (int i = 0; i < rows.size() && failure == null; i++) {
                    writer.write(rows.get(i));
                }
            } catch (RuntimeException | Error e) {
                failure = e instanceof RuntimeException r ? r : new ExportException("writing a shard failed: " + e, e);
            } finally {
                batches.release();
            }
        });
    }

    /**
     * Hands over the rows still held and starts closing the open shard, so several splits close at once;
     * {@link #finish} waits for it.
     */
    void startFinish() {
        if (closing != null) {
            return;
        }
        rethrowFailure();
        if (!batch.isEmpty()) {
            handOver();
        }
        closing = thread.submit(() -> {
            rethrowFailure();
            return writer.finish();
        });
    }

    /** Writes the rows still held, closes the open shard and returns every shard of the split, in order. */
    List<StagedShard> finish() {
        try {
            startFinish();
            return closing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ExportException("closing a shard failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("interrupted while closing the shards", e);
        } finally {
            thread.shutdown();
        }
    }

    /** Drops the queued rows and closes the open shard without keeping it. */
    void abort() {
        if (failure == null) {
            failure = new ExportException("export aborted"); // queued rows are skipped from here on
        }
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.abort(); // the writer's thread has stopped
    }

    private void rethrowFailure() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }
}
