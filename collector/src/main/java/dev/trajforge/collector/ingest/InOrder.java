package dev.trajforge.collector.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work done concurrently, results delivered in the order it was submitted: at most {@code window}
 * pieces in flight (so memory stays bounded however long the input), each on a virtual thread
 * (CPU-bound work spreads over the cores, a model call waits without holding one). The sink runs on
 * the submitting thread, so it needs no locking and sees a deterministic order.
 */
final class InOrder<T> implements AutoCloseable {
    private final int window;
    private final Consumer<T> sink;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Future<T>> inFlight = new ArrayDeque<>();

    InOrder(int window, Consumer<T> sink) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
        this.window = window;
        this.sink = sink;
    }

    void submit(Supplier<T> work) {
        while (inFlight.size() >= window) deliver(inFlight.removeFirst());
        inFlight.addLast(executor.submit(work::get));
    }

    /** Delivers everything still in flight. */
    void finish() {
        while (!inFlight.isEmpty()) deliver(inFlight.removeFirst());
    }

    private void deliver(Future<T> future) {
        T result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a session", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new CompletionException(e.getCause());
        }
        sink.accept(result);
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        executor.shutdownNow();
    }
}
