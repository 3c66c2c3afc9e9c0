package dev.trajforge.collector.run;

import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.episode.Episode;
import dev.trajforge.collector.episode.EpisodeRunner;
import dev.trajforge.collector.episode.InfraFailure;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RewardCheck;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.RubricJudge;
import dev.trajforge.judge.Verdict;
import dev.trajforge.simenv.ClassifiedFailure;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Lineage;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.Termination;
import dev.trajforge.simenv.Trajectory;
import dev.trajforge.simenv.Usage;
import dev.trajforge.simenv.World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs and judges one episode, producing its journal entry. Everything about an episode derives from
 * (run seed, task, trial), so an episode run again after a crash is the same episode. Only a
 * {@link FatalModelException} escapes: a defect in trajforge is recorded as an internal error. An
 * infrastructure failure is journaled as its role and cause class ({@code model_error: timeout},
 * {@code user_error: http_500}, {@code judge_failed: invalid_verdict}); its detail goes to the
 * {@link InfraFailureLog}.
 */
final class EpisodeWork {
    private final RunConfig config;
    private final String configSha256;
    private final Domain domain;
    private final World world;
    private final RoleModels models;
    private final EpisodeRunner runner;
    private final FilterPolicy policy;
    private final InfraFailureLog failures;

    /** Infrastructure failures' details go to {@code failures} (the run log). */
    EpisodeWork(RunConfig config, String configSha256, Domain domain, World world, RoleModels models, EpisodeRunner runner, FilterPolicy policy,
                InfraFailureLog failures) {
        this.failures = failures;
        this.config = config;
        this.configSha256 = configSha256;
        this.domain = domain;
        this.world = world;
        this.models = models;
        this.runner = runner;
        this.policy = policy;
    }

    JournalEntry run(long index, Task task, int trial, int attempt) {
        long seed = Seeds.derive(config.seed(), "episode", task.id(), Integer.toString(trial));
        try {
            var user = models.user(task, seed, world);
            Episode episode = runner.run(task, trial, seed, lineage(user.promptSha256()), models.agent(task, seed, world), user);
            Verdict verdict = policy.judge(episode.trajectory(), task);
            models.throwIfJudgeFailedFatally();
            return new JournalEntry(index, attempt, record(episode.trajectory(), verdict), episode.userUsage(), verdict.judgeUsage(),
                    failure(task.id() + "#" + trial, attempt, episode, verdict), task.intents(), episode.toolSimulatorUsage());
        } catch (FatalModelException fatal) {
            throw fatal;
        } catch (RuntimeException defect) {
            // a bug in trajforge must not take the run down with it: record the episode as an internal error
            System.err.println("trajforge: internal error in episode " + task.id() + "#" + trial + ": " + defect);
            defect.printStackTrace(System.err);
            Trajectory broken = new Trajectory(Trajectory.idFor(config.runId(), task.id(), trial), task.domain(), task.id(),
                    task.scenario().style().wireName(), trial, seed, List.of(Message.system(domain.policy().text())), world.toolsJson(),
                    Termination.INTERNAL_ERROR, null, Usage.NONE, lineage(null), List.of());
            return new JournalEntry(index, attempt, ExportRecord.infraFailed(broken), Usage.NONE, Usage.NONE, "internal_error", task.intents());
        }
    }

    /**
     * The journal's failure of an episode that got no verdict, its role and cause class
     * ({@code model_error: timeout}, {@code user_error: http_500}, {@code judge_failed: invalid_verdict}),
     * with the detail sent to the failure log; null for a judged episode.
     */
    private String failure(String episode, int attempt, Episode ran, Verdict verdict) {
        String role;
        InfraFailure cause;
        switch (verdict.status()) {
            case INFRA_FAILED -> {
                role = ran.trajectory().termination().wireName();
                cause = ran.failure() != null ? ran.failure() : new InfraFailure(ClassifiedFailure.UNCLASSIFIED, "ended as " + role);
            }
            case JUDGE_FAILED -> {
                role = FilterPolicy.JUDGE_FAILED;
                cause = new InfraFailure(verdict.judgeFailureCause(), verdict.judgeFailure());
            }
            default -> {
                return null;
            }
        }
        String failure = role + ": " + cause.cause();
        failures.failed(episode, attempt, failure, cause.detail());
        return failure;
    }

    private Lineage lineage(String userPromptSha256) {
        Map<String, String> prompts = new HashMap<>();
        prompts.put(Lineage.POLICY, domain.policy().sha256());
        prompts.put(Lineage.USER_SIMULATOR, userPromptSha256);
        prompts.put(Lineage.AGENT_SCRIPT, models.agentScriptSha256(world));
        if (models.judge().isPresent()) prompts.put("judge_rubric", RubricJudge.PROMPT.sha256());
        String simulator = world.toolSimulation().map(simulation -> simulation.simulator().model()).orElse(null);
        if (simulator != null && !config.toolSimulatorOrDefault().isScripted()) prompts.put("tool_simulator", dev.trajforge.simenv.tools.LlmToolSimulator.PROMPT.sha256());
        return new Lineage(config.runId(), Lineage.SIMULATED, config.agent().label(), config.user().label(), configSha256, prompts)
                .withDomain(domain.origin().kind(), simulator);
    }

    private ExportRecord record(Trajectory trajectory, Verdict verdict) {
        return switch (verdict.status()) {
            case ACCEPTED -> ExportRecord.accepted(trajectory, verdict.reward(), verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel())
                    .withChecks(rewardChecks(verdict));
            case REJECTED -> ExportRecord.rejected(trajectory, verdict.judgeScore(), verdict.judgeRationale(), verdict.judgeModel(), verdict.reasons())
                    .withChecks(rewardChecks(verdict));
            case INFRA_FAILED, JUDGE_FAILED -> ExportRecord.infraFailed(trajectory); // a judge failure is never a verdict
        };
    }

    /** The deterministic checks in check order (1.0 / 0.0), then the rubric judge's score when it judged, passed at the run's threshold. */
    private List<RewardCheck> rewardChecks(Verdict verdict) {
        List<RewardCheck> checks = new ArrayList<>();
        verdict.checks().forEach(check -> checks.add(RewardCheck.deterministic(check.check(), check.passed())));
        if (verdict.judgeScore() != null) checks.add(RewardCheck.rubricJudge(verdict.judgeScore(), config.judging().threshold()));
        return checks;
    }
}
