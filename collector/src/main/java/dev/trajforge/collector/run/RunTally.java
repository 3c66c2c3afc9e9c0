package dev.trajforge.collector.run;

import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.judge.Agreement;
import dev.trajforge.simenv.Usage;

import java.util.Map;
import java.util.TreeMap;

/** What a run has produced so far: acceptance, usage per role, infra failures by cause. Fed in episode order. */
final class RunTally {
    private final RunConfig config;
    private long accepted;
    private Usage agent = Usage.NONE;
    private Usage user = Usage.NONE;
    private Usage judge = Usage.NONE;
    private final Map<String, Long> infraFailures = new TreeMap<>();

    RunTally(RunConfig config) {
        this.config = config;
    }

    void add(Outcome outcome) {
        if (outcome.record().status() == RecordStatus.ACCEPTED) accepted++;
        if (outcome.failure() != null) infraFailures.merge(outcome.failure(), 1L, Long::sum);
        agent = agent.plus(outcome.agentUsage());
        user = user.plus(outcome.userUsage());
        judge = judge.plus(outcome.judgeUsage());
    }

    long accepted() {
        return accepted;
    }

    Map<String, Long> infraFailures() {
        return Map.copyOf(infraFailures);
    }

    UsageTotals usage() {
        UsageTotals totals = UsageTotals.of(role(agent, config.agent()), role(user, config.user()));
        return config.judge() == null ? totals : totals.plus("judge", role(judge, config.judge()));
    }

    /** Manifest metrics: infra failures by cause, and for a judged run the judge's agreement and share of spend. */
    Map<String, Object> metrics(Agreement agreement) {
        Map<String, Object> metrics = new TreeMap<>();
        metrics.put("infra_failed_by_cause", new TreeMap<>(infraFailures));
        if (config.judge() != null) {
            UsageTotals usage = usage();
            double total = usage.roles().values().stream().mapToDouble(UsageTotals.RoleUsage::costUsd).sum();
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

    private static UsageTotals.RoleUsage role(Usage usage, dev.trajforge.collector.config.ModelSpec spec) {
        return UsageTotals.RoleUsage.of(usage, RoleModels.cost(spec, usage.promptTokens(), usage.completionTokens()));
    }
}
