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
 * session id); it is present exactly when {@code source} is {@code session}. {@code domainOrigin} says where a simulated
 * episode's domain came from (a {@link DomainOrigin} kind) and {@code toolSimulatorModel} which model answered its
 * simulated tools; both null where they do not apply.
 */
public record Lineage(String runId, String source, String agentModel, String userModel, String configSha256,
                      Map<String, String> promptSha256,
                      @JsonInclude(JsonInclude.Include.NON_NULL) SessionOrigin origin,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String domainOrigin,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String toolSimulatorModel) {
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
        if (domainOrigin != null && !DomainOrigin.KINDS.contains(domainOrigin)) {
            throw new IllegalArgumentException("domainOrigin must be one of " + new java.util.TreeSet<>(DomainOrigin.KINDS) + ", got " + domainOrigin);
        }
    }

    /** A lineage without a domain's provenance (sessions, and trajectories journaled before it was recorded). */
    public Lineage(String runId, String source, String agentModel, String userModel, String configSha256, Map<String, String> promptSha256,
                   SessionOrigin origin) {
        this(runId, source, agentModel, userModel, configSha256, promptSha256, origin, null, null);
    }

    /**
     * The same lineage naming where its domain came from ({@link DomainOrigin#kind()}) and the model that answered its
     * simulated tools (null when none was).
     */
    public Lineage withDomain(String domainOrigin, String toolSimulatorModel) {
        return new Lineage(runId, source, agentModel, userModel, configSha256, promptSha256, origin, domainOrigin, toolSimulatorModel);
    }

    /** The lineage of a simulated episode (no session origin). */
    public Lineage(String runId, String source, String agentModel, String userModel, String configSha256, Map<String, String> promptSha256) {
        this(runId, source, agentModel, userModel, configSha256, promptSha256, null, null, null);
    }
}
