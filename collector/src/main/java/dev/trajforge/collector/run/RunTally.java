package dev.trajforge.collector.run;

import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.judge.Agreement;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.simenv.Usage;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run has produced, from its journal entries: acceptance, usage and cost per role, infra
 * failures by cause, the judge's agreement with the deterministic checks, and pass@k / pass^k per
 * domain and intent (tau-bench's definitions, over the trials of each task; infra failures say nothing
 * about the agent and are left out).
 */
public final class RunTally implements Serializable {
    private static final long serialVersionUID = 1L;
    /** the driver's and each task's own; a partial tally travels without it */
    private final transient RunConfig config;
    private long episodes;
    private long accepted;
    private Usage agent = Usage.NONE;
    private Usage user = Usage.NONE;
    private Usage judge = Usage.NONE;
    private Usage simulator = Usage.NONE;
    private final Map<String, Long> infraFailures = new TreeMap<>();
    private final Agreement agreement = new Agreement();
    /** task id -> {trials judged, trials accepted}, and the task's grouping keys */
    private final Map<String, long[]> trialsByTask = new TreeMap<>();
    private final Map<String, List<String>> groupsByTask = new TreeMap<>();

    public RunTally(RunConfig config) {
        this.config = config;
    }

    public void add(JournalEntry entry) {
        ExportRecord record = entry.record();
        episodes++;
        if (record.status() == RecordStatus.ACCEPTED) accepted++;
        if (entry.failure() != null) infraFailures.merge(entry.failure(), 1L, Long::sum);
        agent = agent.plus(entry.agentUsage());
        user = user.plus(entry.userUsage());
        judge = judge.plus(entry.judgeUsage());
        simulator = simulator.plus(entry.toolSimulatorUsage());
        if (record.judgeScore() != null && record.status() != RecordStatus.INFRA_FAILED) {
            boolean checksPassed = record.status() == RecordStatus.ACCEPTED
                    || record.rejectReasons().equals(List.of(FilterPolicy.JUDGE_BELOW_THRESHOLD));
            agreement.add(checksPassed, record.judgeScore() >= config.judging().threshold());
        }
        if (record.status() != RecordStatus.INFRA_FAILED) {
            String task = record.trajectory().taskId();
            long[] counts = trialsByTask.computeIfAbsent(task, t -> new long[2]);
            counts[0]++;
            if (record.status() == RecordStatus.ACCEPTED) counts[1]++;
            groupsByTask.computeIfAbsent(task, t -> groups(record.trajectory().domain(), entry.intents()));
        }
    }

    /** Adds another part of the same run's tally (a Spark partition's) to this one. */
    public void merge(RunTally other) {
        episodes += other.episodes;
        accepted += other.accepted;
        agent = agent.plus(other.agent);
        user = user.plus(other.user);
        judge = judge.plus(other.judge);
        simulator = simulator.plus(other.simulator);
        other.infraFailures.forEach((cause, n) -> infraFailures.merge(cause, n, Long::sum));
        agreement.merge(other.agreement);
        other.trialsByTask.forEach((task, counts) -> {
            long[] mine = trialsByTask.computeIfAbsent(task, t -> new long[2]);
            mine[0] += counts[0];
            mine[1] += counts[1];
        });
        other.groupsByTask.forEach(groupsByTask::putIfAbsent);
    }

    /** Fails the run when more of its episodes failed for infrastructure reasons than the budget allows. */
    public void checkInfraFailureShare() {
        InfraFailureShare.check(infraFailures, episodes, config.budget().maxInfraFailureShare());
    }

    long episodes() {
        return episodes;
    }

    public long accepted() {
        return accepted;
    }

    public Map<String, Long> infraFailures() {
        return Map.copyOf(infraFailures);
    }

    /** Spend so far in USD, for the budget. */
    public double costUsd() {
        return usage().roles().values().stream().mapToDouble(UsageTotals.RoleUsage::costUsd).sum();
    }

    public UsageTotals usage() {
        UsageTotals totals = UsageTotals.of(role(agent, config.agent()), role(user, config.user()));
        if (config.judge() != null) totals = totals.plus("judge", role(judge, config.judge()));
        return simulator.calls() == 0 ? totals : totals.plus("tool_simulator", role(simulator, config.toolSimulatorOrDefault()));
    }

    /** Manifest metrics: infra failures by cause, pass@k, and for a judged run the judge's agreement and spend share. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new TreeMap<>();
        metrics.put("infra_failed_by_cause", new TreeMap<>(infraFailures));
        metrics.put("pass_at_k", PassAtK.of(trialsByTask, groupsByTask, config.trials()));
        if (config.judge() != null) {
            UsageTotals usage = usage();
            double total = costUsd();
            long tokens = usage.roles().values().stream().mapToLong(r -> r.promptTokens() + r.completionTokens()).sum();
            UsageTotals.RoleUsage judged = usage.role("judge");
            Map<String, Object> judgeMetrics = new TreeMap<>();
            judgeMetrics.put("cohens_kappa_vs_checks", agreement.cohensKappa());
            judgeMetrics.put("agreement_pairs", agreement.pairs());
            judgeMetrics.put("share_of_cost", total == 0 ? null : judged.costUsd() / total);
            judgeMetrics.put("share_of_tokens", tokens == 0 ? null : (double) (judged.promptTokens() + judged.completionTokens()) / tokens);
            metrics.put("judge", judgeMetrics);
        }
        return metrics;
    }

    private static List<String> groups(String domain, List<String> intents) {
        List<String> groups = new java.util.ArrayList<>();
        groups.add("domain:" + domain);
        intents.stream().distinct().forEach(intent -> groups.add("intent:" + intent));
        return groups;
    }

    private static UsageTotals.RoleUsage role(Usage usage, ModelSpec spec) {
        return UsageTotals.RoleUsage.of(usage, RoleModels.cost(spec, usage));
    }
}
