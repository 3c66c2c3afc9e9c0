package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * How a run answers simulated tools: the simulator, how many proposals one call may take, the run-wide answer cache
 * and the counts. The cache is keyed by (tool, canonical arguments, state hash before the call): the same call on the
 * same world gets the same answer and the same patch, in every episode and in the judge's replay of a gold plan.
 * Concurrent askers of one key wait for the first; a call that failed is not cached.
 */
public final class ToolSimulation {
    public static final int DEFAULT_ATTEMPTS = 3;
    private static final long CACHE_SIZE = 200_000;

    /** An accepted answer: the result text the agent sees (an error's message when {@code error}), and its patch. */
    public record Answer(String result, boolean error, ArrayNode patch) {
        public Answer {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(patch, "patch");
            if (error && !patch.isEmpty()) throw new IllegalArgumentException("an error answer changes nothing");
        }
    }

    /** A call on a world: the tool, its arguments as canonical JSON, the hash of the state it is made on. */
    public record CacheKey(String tool, String arguments, String stateHash) {
    }

    private final ToolSimulator simulator;
    private final int attempts;
    private final SimulatorStats stats = new SimulatorStats();
    private final Cache<CacheKey, CompletableFuture<Answer>> cache;

    /** @param attempts proposals one call may take, >= 1; @param cached whether answers are cached (they should be) */
    public ToolSimulation(ToolSimulator simulator, int attempts, boolean cached) {
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        if (attempts < 1) throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        this.attempts = attempts;
        this.cache = cached ? Caffeine.newBuilder().maximumSize(CACHE_SIZE).build() : null;
    }

    /** The offline default: the scripted world model, no deliberate mistakes. */
    public static ToolSimulation scripted() {
        return new ToolSimulation(new ScriptedToolSimulator(0), DEFAULT_ATTEMPTS, true);
    }

    public ToolSimulator simulator() {
        return simulator;
    }

    public int attempts() {
        return attempts;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /** The cached answer for {@code key}, else what {@code ask} gets (cached when it succeeds). */
    public Answer answer(CacheKey key, Supplier<Answer> ask) {
        stats.call();
        if (cache == null) return ask.get();
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> first = cache.asMap().putIfAbsent(key, mine);
        if (first != null) {
            try {
                Answer answer = first.join();
                stats.cacheHit();
                return answer;
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return ask.get(); // the first asker failed: ask for this call, uncached
            }
        }
        try {
            Answer answer = ask.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Counts one call asked of the simulator; see {@link SimulatorStats}. */
    public void recordAsked(int proposals, boolean accepted, ToolSimulationException.Cause failure) {
        stats.asked(proposals, accepted, failure);
    }

    public void recordRefused(ToolSimulationException.Cause cause) {
        stats.refused(cause);
    }
}
