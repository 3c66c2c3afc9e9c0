package dev.trajforge.collector.ingest;

import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.config.SessionsConfig;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.provider.ResilientChatModel;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.judge.Agreement;
import dev.trajforge.judge.DomainTools;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.judge.RubricJudge;
import dev.trajforge.simenv.Criterion;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How sessions are judged, from a {@link SessionsConfig}: the checks that need no world, the stricter
 * domain-tools check where the sessions are mapped onto a built-in domain, and the LLM rubric judge
 * where one is configured (the product's rubric or the default support rubric, the product's policy or
 * the default one). The rubric's and the policy's SHA-256s go into every row's lineage. Thread-safe.
 */
public final class SessionJudging {
    static final String DEFAULT_POLICY = "/dev/trajforge/collector/ingest/support-policy.md";

    private final SessionsConfig config;
    private final FilterPolicy policy;
    private final List<Criterion> rubric;
    private final Map<String, String> promptSha256;
    private final List<ResilientChatModel> judgeModels = new ArrayList<>();
    private final RubricJudge judge;
    private final Agreement agreement = new Agreement();
    private final AtomicReference<Usage> judgeUsage = new AtomicReference<>(Usage.NONE);

    public SessionJudging(SessionsConfig config, Providers providers, long seed) {
        this.config = config;
        PromptResource rubricText = RubricFile.load(config.rubric());
        this.rubric = RubricFile.parse(rubricText).criteria();
        PromptResource policyText = policy(config.policy());
        this.judge = config.judge() == null ? null : judge(config, providers, seed, judgeModels);
        Map<String, String> prompts = new TreeMap<>();
        if (judge != null) {
            prompts.put("judge_rubric", rubricText.sha256());
            prompts.put("judge_policy", policyText.sha256());
            prompts.put("judge_prompt", RubricJudge.PROMPT.sha256());
        }
        this.promptSha256 = Map.copyOf(prompts);
        DomainTools tools = config.mapping() == null ? null : domainTools(config.mapping());
        this.policy = FilterPolicy.forSessions(tools, judge, policyText.text(), config.judging().threshold(), config.judging().auditFraction(), agreement);
    }

    private static RubricJudge judge(SessionsConfig config, Providers providers, long seed, List<ResilientChatModel> built) {
        ModelSpec spec = config.judge();
        int votes = config.judging().votes();
        long baseSeed = spec.seed() != null ? spec.seed() : seed;
        List<RubricJudge.JudgeModel> judges = new ArrayList<>();
        for (int vote = 0; vote < votes; vote++) {
            ModelSpec voter = votes == 1 ? spec : spec.withSeed(baseSeed + vote);
            ResilientChatModel model = providers.build("judge", voter, Seeds.derive(seed, "judge-retries", Integer.toString(vote)));
            built.add(model);
            judges.add(new RubricJudge.JudgeModel(model, votes == 1 ? spec.label() : spec.label() + "#seed" + (baseSeed + vote)));
        }
        return new RubricJudge(judges);
    }

    private static PromptResource policy(String path) {
        return path == null ? PromptResource.load(SessionJudging.class, DEFAULT_POLICY) : PromptResource.fromFile(Path.of(path), "policy");
    }

    private static DomainTools domainTools(SessionsConfig.Mapping mapping) {
        Domain domain = Domains.byName(mapping.domain())
                .orElseThrow(() -> new IllegalArgumentException("mapping.domain: unknown domain '" + mapping.domain() + "'"));
        return DomainTools.of(domain.name(), domain.world(0).toolsJson(), mapping.tools());
    }

    /** What decides the verdicts, for the dataset's fingerprint: the judge, its settings, rubric and policy, the mapping. */
    String fingerprint() {
        return String.join("\u0000", String.valueOf(judgeLabel()), String.valueOf(config.judging()), promptSha256.toString(),
                String.valueOf(config.mapping()), rubric.toString());
    }

    public FilterPolicy policy() {
        return policy;
    }

    List<Criterion> rubric() {
        return rubric;
    }

    /** The SHA-256s of the judge's rubric, policy and prompt (empty without a judge). */
    Map<String, String> promptSha256() {
        return promptSha256;
    }

    /** The judge's {@code provider/model} label, or null when no LLM judge runs. */
    String judgeLabel() {
        return judge == null ? null : judge.judgeModel();
    }

    SessionsConfig config() {
        return config;
    }

    void addJudgeUsage(Usage usage) {
        if (usage != null) judgeUsage.accumulateAndGet(usage, Usage::plus);
    }

    /** Throws the judge models' first fatal failure (bad credentials stop an import; a model error is an outcome). */
    void throwIfJudgeFailedFatally() {
        for (ResilientChatModel model : judgeModels) model.fatal().ifPresent(fatal -> {
            throw fatal;
        });
    }

    /** The judge's tokens and cost as the manifest's usage. */
    UsageTotals usage() {
        if (judge == null) return UsageTotals.none();
        Usage used = judgeUsage.get();
        ModelSpec spec = config.judge();
        double in = spec.inputPricePerMillion() == null ? 0.0 : spec.inputPricePerMillion();
        double out = spec.outputPricePerMillion() == null ? 0.0 : spec.outputPricePerMillion();
        double cost = (used.promptTokens() * in + used.completionTokens() * out) / 1_000_000.0;
        return UsageTotals.none().plus("judge", UsageTotals.RoleUsage.of(used, cost));
    }

    /** The judge's agreement with the checks and its model calls, for the manifest (empty without a judge). */
    Map<String, Object> metrics() {
        Map<String, Object> metrics = new TreeMap<>();
        if (judge == null) return metrics;
        Map<String, Object> judgeMetrics = new TreeMap<>();
        judgeMetrics.put("cohens_kappa_vs_checks", agreement.cohensKappa());
        judgeMetrics.put("agreement_pairs", agreement.pairs());
        for (int i = 0; i < judgeModels.size(); i++) judgeMetrics.put(judgeModels.size() == 1 ? "calls" : "calls#" + i, judgeModels.get(i).metrics());
        metrics.put("judge", judgeMetrics);
        return metrics;
    }
}
