package dev.trajforge.collector.run;

import dev.langchain4j.model.chat.ChatModel;
import dev.trajforge.collector.agent.ScriptedOracleAgent;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ModelSpec;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.user.ScriptedUserSimulator;
import dev.trajforge.simenv.user.UserSimulator;

import java.nio.file.Path;

/**
 * Builds the agent model and user simulator of each episode from the config's model specs. Scripted
 * roles get a fresh seeded instance per episode; provider-backed roles come with the providers
 * module and are refused here with a config error until then.
 */
final class RoleModels {
    private final RunConfig config;
    private final World world;

    RoleModels(RunConfig config, World world) {
        this.config = config;
        this.world = world;
    }

    /** Refuses model specs this build cannot serve, before any work starts. */
    static void validate(RunConfig config, Path configFile) {
        requireScripted(config.agent(), "agent", configFile);
        requireScripted(config.user(), "user", configFile);
        if (config.judge() != null) {
            throw new ConfigException("config " + configFile + ": key 'judge': the LLM rubric judge is not available in this build; remove the key (deterministic checks always run)");
        }
    }

    /** SHA-256 of the scripted agent's phrases; null for model-backed agents, whose prompt is the policy. */
    String agentScriptSha256() {
        return config.agent().isScripted() ? ScriptedOracleAgent.promptSha256() : null;
    }

    ChatModel agent(Task task, long episodeSeed) {
        return new ScriptedOracleAgent(task, world.writeTools(), world.handoffTools(), config.agent().errorRates(), episodeSeed);
    }

    UserSimulator user(Task task, long episodeSeed) {
        return new ScriptedUserSimulator(task.scenario(), episodeSeed);
    }

    private static void requireScripted(ModelSpec spec, String role, Path configFile) {
        if (!spec.isScripted()) {
            throw new ConfigException("config " + configFile + ": key '" + role + ".provider': provider '" + spec.provider()
                    + "' is not available in this build yet; use 'scripted'");
        }
    }
}
