package dev.trajforge.simenv;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a trajectory came from: the run, the models in each role, the config hash, and the SHA-256
 * of every prompt or policy resource that shaped it, by name ({@code policy}, {@code user_simulator},
 * {@code agent_script}, ...). {@code origin} says where an imported session was read (file, line, format,
 * session id); it is present exactly when {@code source} is {@code session}.
 */
public record Lineage(String runId, String source, String agentModel, String userModel, String configSha256,
                      Map<String, String> promptSha256,
                      @JsonInclude(JsonInclude.Include.NON_NULL) SessionOrigin origin) {
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
        if (SESSION.equals(source) && origin == null) throw new IllegalArgumentException("a session's lineage needs its origin");
        if (SIMULATED.equals(source) && origin != null) throw new IllegalArgumentException("a simulated episode has no session origin, got " + origin);
    }

    /** The lineage of a simulated episode (no session origin). */
    public Lineage(String runId, String source, String agentModel, String userModel, String configSha256, Map<String, String> promptSha256) {
        this(runId, source, agentModel, userModel, configSha256, promptSha256, null);
    }
}
