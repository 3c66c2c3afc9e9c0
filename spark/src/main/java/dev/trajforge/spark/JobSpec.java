package dev.trajforge.spark;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.config.RunConfig;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every task of the job needs, shipped from the driver: the run config (canonical JSON, so a task
 * never reads the driver's file system for it) and its fingerprint, the output and run directory, the
 * partitions, the number of tasks that run at once ({@code slots}), by which each task divides the
 * run's concurrency and rate limits, the job's id ({@code job}: unique to this submission, it starts the
 * names of its attempt files) and each partition's share of the run's budget.
 */
record JobSpec(String configJson, String configSha256, String output, String runDir, Partitions partitions, int slots, String job,
               JobBudget budget) implements Serializable {
    JobSpec {
        if (slots < 1) throw new IllegalArgumentException("slots must be > 0, got " + slots);
        if (!job.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("a job id goes into file names, got '" + job + "'");
        Objects.requireNonNull(budget, "budget");
    }

    /** {@code application}: the Spark application's id; {@code started}: when the job started, on the driver's clock. */
    static JobSpec of(LoadedConfig loaded, String runDir, Partitions partitions, int slots, String application, Instant started) {
        return new JobSpec(ConfigLoader.canonicalJson(loaded.config()), loaded.sha256(), loaded.config().output(), runDir, partitions,
                Math.min(slots, partitions.count()), application + "-" + started.toEpochMilli(),
                JobBudget.of(loaded.config().budget(), started, partitions));
    }

    /** The start of the names of this job's attempt files in a partition's journal. */
    String attemptPrefix() {
        return "attempt-" + job + "-";
    }

    /**
     * The config a task runs with: the run's, with {@code concurrency} and every role's
     * {@code requestsPerMinute}, {@code tokensPerMinute} and {@code maxConcurrency} divided by the slots
     * (at least 1 each), so that the tasks running at once stay within the run's limits together.
     * Limits are not part of the config's fingerprint, which must still be the driver's.
     */
    LoadedConfig taskConfig() {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("trajforge-task-");
            Path file = scratch.resolve("config.json");
            Files.writeString(file, configJson);
            RunConfig config = ConfigLoader.load(file, List.of()).config();
            List<String> shares = new ArrayList<>();
            shares.add("concurrency=" + share(config.concurrency()));
            limits("agent", config.agent(), shares);
            limits("user", config.user(), shares);
            limits("judge", config.judge(), shares);
            limits("toolSimulator", config.toolSimulator(), shares);
            LoadedConfig task = ConfigLoader.load(file, shares);
            if (!task.sha256().equals(configSha256)) {
                throw new IllegalStateException("the task's config fingerprint " + task.sha256() + " is not the driver's " + configSha256);
            }
            return task; // the copy is read once: its name only appears in messages from now on
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run config to a scratch directory " + scratch, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path scratch) {
        if (scratch == null) return;
        try {
            Files.deleteIfExists(scratch.resolve("config.json"));
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // a leftover scratch copy in the temp directory is harmless
        }
    }

    private void limits(String role, ModelSpec spec, List<String> shares) {
        if (spec == null) return;
        if (spec.requestsPerMinute() != null) shares.add(role + ".requestsPerMinute=" + share(spec.requestsPerMinute()));
        if (spec.tokensPerMinute() != null) shares.add(role + ".tokensPerMinute=" + share(spec.tokensPerMinute()));
        if (spec.maxConcurrency() != null) shares.add(role + ".maxConcurrency=" + share(spec.maxConcurrency()));
    }

    private int share(int limit) {
        return Math.max(1, limit / slots);
    }
}
