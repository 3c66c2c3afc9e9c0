package dev.trajforge.simenv;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a trajectory came from: the run, the models in each role, the config hash, and the SHA-256
 * of every prompt or policy resource that shaped it, by name ({@code policy}, {@code user_simulator},
 * {@code agent_script}, ...).
 */
public record Lineage(String runId, String source, String agentModel, String userModel, String configSha256,
                      Map<String, String> promptSha256) {
    public static final String SIMULATED = "simulated";
    public static final String SESSION = "session";
    public static final String POLICY = "policy";
    public static final String USER_SIMULATOR = "user_simulator";
    public static final String AGENT_SCRIPT = "agent_script";

    public Lineage {
        Objects.requireNonNull(runId, "runId");
        if (!SIMULATED.equals(source) && !SESSION.equals(source)) {
            throw new IllegalArgumentException("source must be 'simulated' or 'session', got " + source);
        }
        Objects.requireNonNull(agentModel, "agentModel");
        Objects.requireNonNull(userModel, "userModel");
        Map<String, String> prompts = new TreeMap<>();
        (promptSha256 == null ? Map.<String, String>of() : promptSha256).forEach((name, sha) -> {
            if (sha != null) prompts.put(name, sha);
        });
        promptSha256 = Collections.unmodifiableMap(prompts);
    }
}
