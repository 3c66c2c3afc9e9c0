package dev.trajforge.bench;

import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.agent.ScriptedOracleAgent;
import dev.trajforge.simenv.user.UserTopics;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.episode.Episode;
import dev.trajforge.collector.episode.EpisodeLimits;
import dev.trajforge.collector.episode.EpisodeRunner;
import dev.trajforge.collector.journal.Journal;
import dev.trajforge.collector.journal.JournalHeader;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrency efficiency: the scripted agent behind a {@link DelayedChatModel} (250 ms per call) at
 * 1,000 episodes in flight. A run's model roles are built inside {@code collector.run} with no way to
 * decorate them, so this drives the episodes itself the way {@code CollectionRun} does: a virtual
 * thread per episode under a semaphore of {@code concurrency} slots, {@link EpisodeRunner}, the
 * deterministic {@link FilterPolicy}, each finished episode appended (fsynced) to a {@link Journal},
 * and at the end the dataset written from the journal in episode order through {@link DatasetExport}.
 *
 * <p>Ideal throughput is {@code concurrency / (agent calls per episode x latency)} (Little's law with
 * every slot busy). The measured figure is taken over the steady state: from the moment
 * {@code 2 x concurrency} episodes have finished (the first, synchronized wave is over) until only
 * {@code concurrency} are left (the ramp-down begins); and over the whole run (world build, ramp-down
 * and export included).
 */
final class LatencyBenchmark {
    private LatencyBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 5000);
        int trials = options.integer("trials", 2);
        int concurrency = options.integer("concurrency", 1000);
        Duration latency = Duration.ofMillis(options.integer("latencyMs", 250));
        if ((long) tasks * trials < 4L * concurrency) {
            throw new IllegalArgumentException("too few episodes for a steady state: tasks x trials must be at least 4 x concurrency");
        }
        Path tmp = Benchmarks.tempDir("latency");
        try {
            LoadedConfig loaded = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials, "concurrency=" + concurrency));
            System.err.println("bench latency: warm-up run (1,000 episodes without latency)");
            new Run(ConfigLoader.load(config, List.of("tasks=500", "trials=2", "concurrency=" + concurrency)), tmp.resolve("warmup"), Duration.ZERO).execute();
            System.err.println("bench latency: " + (long) tasks * trials + " episodes, " + concurrency + " in flight, " + latency.toMillis() + " ms per agent call");
            Run run = new Run(loaded, tmp.resolve("run"), latency);
            CpuMeter meter = new CpuMeter();
            run.execute();
            double others = meter.othersPercent();

            long episodes = run.finished.length;
            double callsPerEpisode = run.calls.doubleValue() / episodes;
            double ideal = concurrency / (callsPerEpisode * latency.toNanos() / 1e9);
            long[] finished = run.finished.clone();
            Arrays.sort(finished);
            int from = 2 * concurrency;
            int to = (int) episodes - concurrency;
            double steady = (to - from) / ((finished[to] - finished[from]) / 1e9);
            double whole = episodes / run.seconds;
            return new Benchmarks.Result("latency")
                    .put("config", config + " with tasks=" + tasks + ", trials=" + trials)
                    .put("episodes", episodes)
                    .put("concurrency", concurrency)
                    .put("latency_ms", latency.toMillis())
                    .put("calls_per_episode", callsPerEpisode)
                    .put("ideal_episodes_per_s", ideal)
                    .put("steady_episodes_per_s", steady)
                    .put("whole_run_episodes_per_s", whole)
                    .put("efficiency_percent", 100 * steady / ideal)
                    .put("whole_run_efficiency_percent", 100 * whole / ideal)
                    .put("mean_in_flight_steady", run.meanInFlight)
                    .put("seconds", run.seconds)
                    .put("others_cpu_percent", others);
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }

    /** One run, scheduled like CollectionRun: semaphore-bounded virtual threads, a journal, export from the journal. */
    private static final class Run {
        private final LoadedConfig loaded;
        private final RunConfig config;
        private final Path dir;
        private final Duration latency;
        private final LongAdder calls = new LongAdder();
        private final Semaphore slots;
        private final AtomicInteger done = new AtomicInteger();
        private long[] finished;
        private double seconds;
        private double meanInFlight;
        private AgentPhrases phrases;
        private UserTopics topics;

        Run(LoadedConfig loaded, Path dir, Duration latency) {
            this.loaded = loaded.withOutput(dir.resolve("data").toString());
            this.config = this.loaded.config();
            this.dir = dir;
            this.latency = latency;
            this.slots = new Semaphore(config.concurrency());
        }

        void execute() throws Exception {
            long started = System.nanoTime();
            Domain domain = Domains.byName(config.domain()).orElseThrow();
            phrases = AgentPhrases.parse(domain.agentPhrases());
            topics = UserTopics.parse(domain.userTopics());
            World world = domain.world(config.seed());
            List<Task> tasks = world.tasks(config.tasks());
            EpisodeRunner runner = new EpisodeRunner(world, new EpisodeLimits(config.maxTurns(), config.maxToolErrors()));
            FilterPolicy policy = FilterPolicy.deterministic(world);
            Lineage lineage = new Lineage(config.runId(), Lineage.SIMULATED, config.agent().label(), config.user().label(), loaded.sha256(),
                    Map.of(Lineage.POLICY, domain.policy().sha256(), Lineage.AGENT_SCRIPT, domain.agentPhrases().sha256(),
                            Lineage.USER_SIMULATOR, ScriptedUserSimulator.promptSha256(topics)));
            int total = tasks.size() * config.trials();
            finished = new long[total];
            Files.createDirectories(dir);
            Path journalFile = dir.resolve("journal.jsonl");
            Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleInFlight(total));
            JournalHeader header = new JournalHeader(config.runId(), "0/1", loaded.sha256(),
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("runId", config.runId()));
            try (Journal journal = Journal.open(journalFile, header, false);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < total; i++) {
                    int episode = i;
                    slots.acquireUninterruptibly();
                    pool.submit(() -> {
                        try {
                            Task task = tasks.get(episode / config.trials());
                            journal.append(episode(episode, task, episode % config.trials(), world, runner, policy, lineage));
                        } finally {
                            finished[episode] = System.nanoTime();
                            done.incrementAndGet();
                            slots.release();
                        }
                    });
                }
            }
            ExportSettings settings = ExportSettings.of(config.output(), config.runId(), loaded.sha256(), config.validationFraction(), config.keepRejected());
            try (DatasetExport export = DatasetExport.open(settings, new Configuration())) {
                JournalIndex.of(List.of(journalFile), total).forEachInOrder(total, entry -> export.write(entry.record()));
                export.commit(Instant.now(), UsageTotals.none());
            }
            seconds = (System.nanoTime() - started) / 1e9;
            sampler.join();
        }

        private JournalEntry episode(int index, Task task, int trial, World world, EpisodeRunner runner, FilterPolicy policy, Lineage lineage) {
            long seed = Seeds.derive(config.seed(), "episode", task.id(), Integer.toString(trial));
            var agent = new DelayedChatModel(new ScriptedOracleAgent(task, world.writeTools(), world.handoffTools(), phrases,
                    config.agent().errorRates(), seed), latency, calls);
            var user = new ScriptedUserSimulator(task.scenario(), topics, seed);
            Episode episode = runner.run(task, trial, seed, lineage, agent, user);
            Verdict verdict = policy.judge(episode.trajectory(), task);
            ExportRecord record = switch (verdict.status()) {
                case ACCEPTED -> ExportRecord.accepted(episode.trajectory(), verdict.reward(), null, null, null);
                case REJECTED -> ExportRecord.rejected(episode.trajectory(), null, null, null, verdict.reasons());
                case INFRA_FAILED, JUDGE_FAILED -> ExportRecord.infraFailed(episode.trajectory());
            };
            return new JournalEntry(index, 1, record, episode.userUsage(), verdict.judgeUsage(), null, task.intents());
        }

        /** Mean episodes in flight (slots taken) over the steady state. */
        private void sampleInFlight(int total) {
            long sum = 0;
            long samples = 0;
            while (done.get() < total) {
                int d = done.get();
                if (d >= 2 * config.concurrency() && d < total - config.concurrency()) {
                    sum += config.concurrency() - slots.availablePermits();
                    samples++;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            meanInFlight = samples == 0 ? 0 : (double) sum / samples;
        }
    }
}
