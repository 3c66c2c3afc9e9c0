package dev.trajforge.simenv;

import java.util.Objects;

/**
 * Where a trajectory came from: the run, the models in each role, and the hashes of the config,
 * the agent policy and the user-simulator prompt that produced it.
 */
public record Lineage(String runId, String source, String agentModel, String userModel,
                      String configSha256, String policySha256, String userPromptSha256) {
    public static final String SIMULATED = "simulated";
    public static final String SESSION = "session";

    public Lineage {
        Objects.requireNonNull(runId, "runId");
        if (!SIMULATED.equals(source) && !SESSION.equals(source)) {
            throw new IllegalArgumentException("source must be 'simulated' or 'session', got " + source);
        }
        Objects.requireNonNull(agentModel, "agentModel");
        Objects.requireNonNull(userModel, "userModel");
    }
}
