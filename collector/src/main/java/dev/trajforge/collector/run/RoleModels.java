package dev.trajforge.collector.run;

import dev.langchain4j.model.chat.ChatModel;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.provider.ResilientChatModel;
import dev.trajforge.simenv.Seeds;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.tools.LlmToolSimulator;
import dev.trajforge.simenv.tools.ScriptedToolSimulator;
import dev.trajforge.simenv.tools.ToolSimulation;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.agent.ScriptedOracleAgent;
import dev.trajforge.simenv.user.LlmUserSimulator;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import dev.trajforge.simenv.user.UserSimulator;
import dev.trajforge.simenv.user.UserTopics;

import dev.trajforge.judge.RubricJudge;
import dev.trajforge.simenv.Persona;
import dev.trajforge.simenv.user.PersonaCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent model and user simulator of each episode, from the config's model specs. Scripted roles
 * get a fresh seeded instance per episode; provider-backed roles share one thread-safe
 * {@link ResilientChatModel} per role, built once (so a missing API key fails before any work).
 */
final class RoleModels {
    private final RunConfig config;
    private final ResilientChatModel agentModel;
    private final ResilientChatModel userModel;
    private final RubricJudge judge;
    private final List<ResilientChatModel> judgeModels = new ArrayList<>();
    private final Providers providers;
    /** how simulated tools are answered in this run: one simulator, cache and count for every domain and the judge's replays */
    private final ToolSimulation toolSimulation;
    private final ResilientChatModel toolSimulatorModel;
    /** the config's persona weights as a draw, or null when the tasks' own users play */
    private final PersonaCatalog.Sampler personas;
    /** the scripted agent's phrases per domain, parsed once */
    private final Map<String, AgentPhrases> phrases = new java.util.concurrent.ConcurrentHashMap<>();
    /** the scripted user's topics per domain, parsed once */
    private final Map<String, UserTopics> topics = new java.util.concurrent.ConcurrentHashMap<>();

    RoleModels(RunConfig config, Path configFile, Providers providers) {
        this.config = config;
        this.providers = providers;
        this.personas = config.personas().isEmpty() ? null : PersonaCatalog.get().sampler(config.personas());
        try {
            this.agentModel = config.agent().isScripted() ? null : providers.build("agent", config.agent(), Seeds.derive(config.seed(), "agent-retries"));
            this.userModel = config.user().isScripted() ? null : providers.build("user", config.user(), Seeds.derive(config.seed(), "user-retries"));
            this.judge = config.judge() == null ? null : judge(config, providers, judgeModels);
            ModelSpec simulator = config.toolSimulatorOrDefault();
            this.toolSimulatorModel = simulator.isScripted() ? null
                    : providers.build("toolSimulator", simulator, Seeds.derive(config.seed(), "tool-simulator-retries"));
            var settings = config.toolSimulationOrDefault();
            this.toolSimulation = new ToolSimulation(toolSimulatorModel == null ? new ScriptedToolSimulator(settings.mistakes())
                    : new LlmToolSimulator(toolSimulatorModel, simulator.label()), settings.attempts(), settings.cache());
        } catch (ConfigException e) {
            throw new ConfigException("config " + configFile + ": " + e.getMessage());
        }
    }

    /** One judge model per vote, each with its own seed; majority vote per criterion. */
    private static RubricJudge judge(RunConfig config, Providers providers, List<ResilientChatModel> built) {
        ModelSpec spec = config.judge(); // never scripted: RunConfig refuses a scripted judge
        long baseSeed = spec.seed() != null ? spec.seed() : config.seed();
        List<RubricJudge.JudgeModel> judges = new ArrayList<>();
        for (int vote = 0; vote < config.judging().votes(); vote++) {
            ModelSpec voter = config.judging().votes() == 1 ? spec : spec.withSeed(baseSeed + vote);
            String label = config.judging().votes() == 1 ? spec.label() : spec.label() + "#seed" + (baseSeed + vote);
            ResilientChatModel model = providers.build("judge", voter, Seeds.derive(config.seed(), "judge-retries", Integer.toString(vote)));
            built.add(model);
            judges.add(new RubricJudge.JudgeModel(model, label));
        }
        return new RubricJudge(judges);
    }

    /** Throws the judge models' first fatal failure: the judge reports model errors as outcomes, but bad credentials stop the run. */
    void throwIfJudgeFailedFatally() {
        for (ResilientChatModel model : judgeModels) model.fatal().ifPresent(fatal -> {
            throw fatal;
        });
    }

    /** How this run answers simulated tools. */
    ToolSimulation toolSimulation() {
        return toolSimulation;
    }

    /** What the tool simulator did (for the manifest): its model, counts, and tokens and cost when a model answers. */
    Map<String, Object> toolSimulatorMetrics() {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("model", toolSimulation.simulator().model());
        metrics.putAll(toolSimulation.stats().metrics());
        if (toolSimulation.simulator() instanceof LlmToolSimulator llm) {
            dev.trajforge.simenv.Usage usage = llm.usage();
            metrics.put("prompt_tokens", usage.promptTokens());
            metrics.put("cached_prompt_tokens", usage.cachedPromptTokens());
            metrics.put("completion_tokens", usage.completionTokens());
            metrics.put("cost_usd", cost(config.toolSimulatorOrDefault(), usage));
        }
        return metrics;
    }

    /** Per provider-backed role its calls (answered, retries, latency), and per endpoint its limiter's statistics. */
    ModelCallMetrics callMetrics() {
        Map<String, dev.trajforge.collector.provider.ModelCallStats> roles = new java.util.TreeMap<>();
        if (agentModel != null) roles.put("agent", agentModel.stats());
        if (userModel != null) roles.put("user", userModel.stats());
        if (toolSimulatorModel != null) roles.put("toolSimulator", toolSimulatorModel.stats());
        for (int i = 0; i < judgeModels.size(); i++) roles.put(judgeModels.size() == 1 ? "judge" : "judge#" + i, judgeModels.get(i).stats());
        return new ModelCallMetrics(roles, providers.limiterStats());
    }

    /** The rubric judge of this run, if one is configured (shared by all episodes; it caches its verdicts). */
    Optional<RubricJudge> judge() {
        return Optional.ofNullable(judge);
    }

    /** SHA-256 of the scripted agent's phrases in the world's domain; null for model-backed agents, whose prompt is the policy. */
    String agentScriptSha256(World world) {
        return config.agent().isScripted() ? phrasesOf(world).sha256() : null;
    }

    ChatModel agent(Task task, long episodeSeed, World world) {
        if (agentModel != null) return agentModel;
        return new ScriptedOracleAgent(task, world.writeTools(), world.handoffTools(), phrasesOf(world), config.agent().errorRates(), episodeSeed,
                config.faults() == null ? 1.0 : config.faults().recovery());
    }

    private UserTopics topicsOf(World world) {
        return topics.computeIfAbsent(world.domain().name(), name -> UserTopics.parse(world.domain().userTopics()));
    }

    private AgentPhrases phrasesOf(World world) {
        return phrases.computeIfAbsent(world.domain().name(), name -> AgentPhrases.parse(world.domain().agentPhrases()));
    }

    /**
     * The user of an episode: the task's own (its scenario's style) unless the config weighs personas, then one drawn
     * from the catalog by those weights with the episode's seed (so the draw does not depend on scheduling).
     */
    UserSimulator user(Task task, long episodeSeed, World world) {
        Persona persona = personas == null ? Persona.ofStyle(task.scenario().style()) : personas.draw(Seeds.random(episodeSeed, "persona"));
        if (userModel != null) return new LlmUserSimulator(userModel, config.user().label(), task.scenario(), persona);
        List<dev.trajforge.simenv.GoldStep> deviceActions = task.goldSteps().stream()
                .filter(step -> step.requestor() == dev.trajforge.simenv.tools.ToolSide.USER).toList();
        return new ScriptedUserSimulator(task.scenario(), persona, topicsOf(world), deviceActions, episodeSeed);
    }

    /** USD for the tokens a role used, from the spec's prices per million tokens (0 when unpriced). */
    static double cost(ModelSpec spec, dev.trajforge.simenv.Usage usage) {
        if (spec == null) return 0.0;
        double in = spec.inputPricePerMillion() == null ? 0.0 : spec.inputPricePerMillion();
        double cachedIn = spec.cachedInputPricePerMillion() == null ? in : spec.cachedInputPricePerMillion();
        double out = spec.outputPricePerMillion() == null ? 0.0 : spec.outputPricePerMillion();
        long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
        return ((usage.promptTokens() - cached) * in + cached * cachedIn + usage.completionTokens() * out) / 1_000_000.0;
    }

}
