package dev.trajforge.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.tools.ArgumentSchema;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A built-in domain's tools as imported sessions are held to them: each tool's parameters schema, and
 * how the session's tool names map onto the domain's ({@code rename}: session name to domain name; a
 * name not in it must be a domain tool's own). Thread-safe once built.
 */
public final class DomainTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String domain;
    private final Map<String, ArgumentSchema> schemas;
    private final Map<String, String> rename;

    private DomainTools(String domain, Map<String, ArgumentSchema> schemas, Map<String, String> rename) {
        this.domain = domain;
        this.schemas = schemas;
        this.rename = rename;
    }

    /**
     * The tools of {@code toolsJson} (the OpenAI-style tool list a domain's world gives the agent) under
     * {@code rename}; a rename onto a tool the domain does not have is refused here, before any session is judged.
     */
    public static DomainTools of(String domain, String toolsJson, Map<String, String> rename) {
        Objects.requireNonNull(domain, "domain");
        Map<String, ArgumentSchema> schemas = new TreeMap<>();
        JsonNode tools;
        try {
            tools = JSON.readTree(toolsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("domain " + domain + ": its tool list is not JSON: " + e.getOriginalMessage(), e);
        }
        for (JsonNode tool : tools) {
            JsonNode function = tool.has("function") ? tool.path("function") : tool;
            JsonNode parameters = function.path("parameters");
            schemas.put(function.path("name").asText(), new ArgumentSchema(parameters.isObject() ? (ObjectNode) parameters : JSON.createObjectNode()));
        }
        for (Map.Entry<String, String> entry : rename.entrySet()) {
            if (!schemas.containsKey(entry.getValue())) {
                throw new IllegalArgumentException("mapping.tools." + entry.getKey() + ": domain " + domain + " has no tool '" + entry.getValue()
                        + "' (its tools: " + String.join(", ", schemas.keySet()) + ")");
            }
        }
        return new DomainTools(domain, Map.copyOf(schemas), Map.copyOf(rename));
    }

    public String domain() {
        return domain;
    }

    /** The domain tool a session's tool name stands for, if any. */
    Optional<String> domainName(String sessionName) {
        String name = rename.getOrDefault(sessionName, sessionName);
        return schemas.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /** Empty when the arguments fit the domain tool's schema, otherwise what does not. */
    Optional<String> argumentProblems(String domainName, ObjectNode arguments) {
        return schemas.get(domainName).validate(arguments);
    }

    java.util.Set<String> names() {
        return schemas.keySet();
    }
}
