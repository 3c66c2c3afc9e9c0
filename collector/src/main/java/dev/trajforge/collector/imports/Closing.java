package dev.trajforge.collector.imports;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ending things within a bound: a close that may hang, processes that may not exit. */
final class Closing {
    private Closing() {
    }

    /** Runs {@code close} on its own thread and waits at most {@code limit} for it; what it throws is dropped. */
    static void within(Runnable close, Duration limit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("mcp-close").start(() -> {
            try {
                close.run();
            } catch (RuntimeException e) {
                // the server is ended by force after this, whatever the polite close said
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // bounded: the caller ends what is left by force
        }
    }

    /** Waits at most {@code limit} in all for every process to exit. */
    static void awaitExit(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                return;
            }
        }
    }
}
