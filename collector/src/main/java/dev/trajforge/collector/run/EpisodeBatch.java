package dev.trajforge.collector.run;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.simenv.Task;

import java.util.List;

/**
 * The episodes of a run for a process that runs some of them without the rest of a local run (a Spark
 * task): the same worlds, tasks, models, episode runner, retries and rate limits as {@link CollectionRun},
 * built from the same config, episode {@code e} being trial {@code e % trials} of task {@code e / trials}.
 * Thread-safe: episodes run concurrently.
 */
public final class EpisodeBatch {
    private final LoadedConfig loaded;
    private final RoleModels models;
    private final RunWorlds worlds;
    private final List<Task> tasks;

    private EpisodeBatch(LoadedConfig loaded, RoleModels models, RunWorlds worlds) {
        this.loaded = loaded;
        this.models = models;
        this.worlds = worlds;
        this.tasks = worlds.tasks();
    }

    /** Builds the run's worlds and draws its tasks; {@code failures} hears of each failed model call attempt. */
    public static EpisodeBatch open(LoadedConfig loaded, FailureLog failures) {
        RoleModels models = new RoleModels(loaded.config(), loaded.file(), Providers.fromEnvironment());
        return new EpisodeBatch(loaded, models, RunWorlds.build(loaded, RunWorlds.domains(loaded), models, failures::failed));
    }

    public long episodes() {
        return (long) tasks.size() * loaded.config().trials();
    }

    public int tasks() {
        return tasks.size();
    }

    /** Runs episode {@code episode} (its {@code attempt}-th try) to its journal entry; never throws for the episode's own failure. */
    public JournalEntry run(long episode, int attempt) {
        int trials = loaded.config().trials();
        int task = (int) (episode / trials);
        return worlds.workFor(task).run(episode, tasks.get(task), (int) (episode % trials), attempt);
    }

    /** The model calls of this batch's episodes so far (per role and per endpoint), which add up with another batch's. */
    public ModelCallMetrics callMetrics() {
        return models.callMetrics();
    }

    /** Where a failed attempt is told: episode id, attempt, failure cause and its detail (never a secret). */
    @FunctionalInterface
    public interface FailureLog {
        void failed(String episode, int attempt, String failure, String detail);
    }
}
