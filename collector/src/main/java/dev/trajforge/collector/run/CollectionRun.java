package dev.trajforge.collector.run;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.episode.Episode;
import dev.trajforge.collector.episode.EpisodeLimits;
import dev.trajforge.collector.episode.EpisodeRunner;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.judge.Agreement;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.RubricJudge;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;
import org.apache.hadoop.conf.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One collection run: builds the seeded world once, runs every (task, trial) episode on virtual
 * threads with at most {@code concurrency} in flight, judges each, and hands the results to the
 * exporter in episode order — so the output does not depend on scheduling, and memory does not grow
 * with the run.
 */
public final class CollectionRun {
    private final LoadedConfig loaded;
    private final RunConfig config;
    private final Clock clock;
    private final ProgressListener progress;
    private final Domain domain;
    private final RoleModels models;

    public CollectionRun(LoadedConfig loaded, Clock clock, ProgressListener progress) {
        this(loaded, clock, progress, Providers.fromEnvironment());
    }

    /** Validates what the config loader cannot know (the domain, providers and keys) before any work. */
    public CollectionRun(LoadedConfig loaded, Clock clock, ProgressListener progress, Providers providers) {
        this.loaded = loaded;
        this.config = loaded.config();
        this.clock = clock;
        this.progress = progress;
        this.domain = Domains.byName(config.domain()).orElseThrow(() -> new ConfigException("config " + loaded.file()
                + ": key 'domain': unknown domain '" + config.domain() + "' (known: " + String.join(", ", Domains.names()) + ")"));
        this.models = new RoleModels(config, loaded.file(), providers);
    }

    public RunReport execute() {
        long started = System.nanoTime();
        ExportSettings settings = ExportSettings.of(config.output(), config.runId(), loaded.sha256(),
                config.validationFraction(), config.keepRejected());
        try (DatasetExport export = open(settings)) {
            World world = domain.world(config.seed());
            List<Task> tasks = world.tasks(config.tasks());
            EpisodeRunner runner = new EpisodeRunner(world, new EpisodeLimits(config.maxTurns(), config.maxToolErrors()));
            Agreement agreement = new Agreement();
            FilterPolicy policy = models.judge()
                    .map(judge -> FilterPolicy.withRubricJudge(world, judge, domain.policy().text(), config.judging().threshold(),
                            config.judging().auditFraction(), agreement))
                    .orElseGet(() -> FilterPolicy.deterministic(world));
            RunTally tally = new RunTally(config);
            long total = (long) tasks.size() * config.trials();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            try {
                BlockingQueue<Future<Outcome>> window = new ArrayBlockingQueue<>(config.concurrency());
                pool.submit(() -> schedule(tasks, pool, window, world, runner, policy)); // in the pool, so an abort interrupts it
                for (long done = 1; done <= total; done++) {
                    Outcome outcome = window.take().get();
                    export.write(outcome.record());
                    tally.add(outcome);
                    progress.episodeDone(done, total, tally.accepted());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("run interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FatalModelException fatal) {
                    throw new RunAbortedException("aborted: " + fatal.getMessage() + "; nothing was exported", fatal);
                }
                throw new IllegalStateException("episode scheduling failed", e.getCause());
            } finally {
                pool.shutdownNow(); // on abort: stop in-flight episodes (their model calls and backoff sleeps are interrupted)
                pool.close();
            }
            Map<String, Object> metrics = tally.metrics(agreement);
            metrics.put("model_calls", models.modelMetrics());
            ExportResult result = export.commit(clock.instant(), tally.usage(), metrics);
            return new RunReport(config.runId(), result, Duration.ofNanos(System.nanoTime() - started), tally.infraFailures());
        }
    }

    /** Opens the export first, so an unusable output fails in a second, before any work, naming the key. */
    private DatasetExport open(ExportSettings settings) {
        try {
            return DatasetExport.open(settings, new Configuration());
        } catch (ExportException e) {
            throw new ConfigException("config " + loaded.file() + ": key 'output': " + e.getMessage());
        }
    }

    private void schedule(List<Task> tasks, ExecutorService pool, BlockingQueue<Future<Outcome>> window, World world,
                          EpisodeRunner runner, FilterPolicy policy) {
        try {
            for (Task task : tasks) {
                for (int trial = 0; trial < config.trials(); trial++) {
                    int t = trial;
                    window.put(pool.submit(() -> episode(task, t, world, runner, policy)));
                }
            }
        } catch (InterruptedException | java.util.concurrent.RejectedExecutionException stopped) {
            // the run was aborted: stop scheduling
        }
    }

    private Outcome episode(Task task, int trial, World world, EpisodeRunner runner, FilterPolicy policy) {
        long seed = Seeds.derive(config.seed(), "episode", task.id(), Integer.toString(trial));
        try {
            var user = models.user(task, seed);
            Episode episode = runner.run(task, trial, seed, lineage(user.promptSha256()), models.agent(task, seed, world), user);
            Verdict verdict = policy.judge(episode.trajectory(), task);
            models.throwIfJudgeFailedFatally();
            String failure = switch (verdict.status()) {
                case INFRA_FAILED -> episode.trajectory().termination().wireName() + failureClass(episode.failure());
                case JUDGE_FAILED -> FilterPolicy.JUDGE_FAILED;
                default -> null;
            };
            return new Outcome(record(episode.trajectory(), verdict), episode.trajectory().usage(), episode.userUsage(),
                    verdict.judgeUsage(), failure);
        } catch (FatalModelException fatal) {
            throw fatal;
        } catch (RuntimeException defect) {
            // a bug in trajforge must not take the run down with it: record the episode as an internal error
            System.err.println("trajforge: internal error in episode " + task.id() + "#" + trial + ": " + defect);
            defect.printStackTrace(System.err);
            Trajectory broken = new Trajectory(Trajectory.idFor(config.runId(), task.id(), trial), task.domain(), task.id(),
                    task.scenario().style().wireName(), trial, seed, List.of(Message.system(domain.policy().text())), world.toolsJson(),
                    Termination.INTERNAL_ERROR, null, Usage.NONE, lineage(null), List.of());
            return new Outcome(ExportRecord.infraFailed(broken), Usage.NONE, Usage.NONE, Usage.NONE, "internal_error");
        }
    }

    /** ": http_500" from a failure detail "http_500: ...", so causes can be counted by class. */
    private static String failureClass(String failure) {
        if (failure == null) return "";
        int colon = failure.indexOf(':');
        String head = colon < 0 ? failure : failure.substring(0, colon);
        return head.matches("[a-z0-9_]+") ? ": " + head : "";
    }

    private Lineage lineage(String userPromptSha256) {
        Map<String, String> prompts = new HashMap<>();
        prompts.put(Lineage.POLICY, domain.policy().sha256());
        prompts.put(Lineage.USER_SIMULATOR, userPromptSha256);
        prompts.put(Lineage.AGENT_SCRIPT, models.agentScriptSha256());
        if (models.judge().isPresent()) prompts.put("judge_rubric", RubricJudge.PROMPT.sha256());
        return new Lineage(config.runId(), Lineage.SIMULATED, config.agent().label(), config.user().label(), loaded.sha256(), prompts);
    }

    private static ExportRecord record(Trajectory trajectory, Verdict verdict) {
        return switch (verdict.status()) {
            case ACCEPTED -> ExportRecord.accepted(trajectory, verdict.reward(), verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel());
            case REJECTED -> ExportRecord.rejected(trajectory, verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel(), verdict.reasons());
            case INFRA_FAILED, JUDGE_FAILED -> ExportRecord.infraFailed(trajectory); // a judge failure is never a verdict
        };
    }
}
