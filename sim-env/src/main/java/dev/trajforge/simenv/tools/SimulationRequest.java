package dev.trajforge.simenv.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.CanonicalJson;

import java.util.List;
import java.util.Objects;

/**
 * Everything a simulator sees of one call: the domain, the tool, the arguments and the part of the state that matters.
 *
 * @param domain      the domain's name
 * @param description what the domain is (its {@code domain.yaml} description)
 * @param tool        the tool's definition
 * @param output      the JSON Schema its result must match, or null when it has none
 * @param hints       what the tool does ({@code simulation:})
 * @param arguments   the call's arguments, already valid against the tool's parameters
 * @param state       the relevant state: per collection {@code {"size": n, "entities": {key: entity}}}
 * @param schemas     the JSON Schema of each collection in {@code state}
 * @param newKey      the key a new entity of the tool's collection takes, or null when the tool creates none
 * @param problems    why the previous proposals for this call were refused, oldest first (empty on the first attempt)
 * @param seed        a seed for this call (world seed, tool, arguments, state), for simulators that draw
 */
public record SimulationRequest(String domain, String description, ToolDef tool, JsonNode output, SimulationHints hints,
                                ObjectNode arguments, ObjectNode state, ObjectNode schemas, String newKey, List<String> problems, long seed) {
    public SimulationRequest {
        Objects.requireNonNull(domain, "domain");
        description = description == null ? "" : description;
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(schemas, "schemas");
        problems = List.copyOf(problems);
    }

    /** The attempt this request is for, from 1. */
    public int attempt() {
        return problems.size() + 1;
    }

    /** The same call asked again after a refused proposal. */
    public SimulationRequest retryAfter(String problem) {
        List<String> more = new java.util.ArrayList<>(problems);
        more.add(problem);
        return new SimulationRequest(domain, description, tool, output, hints, arguments, state, schemas, newKey, more, seed);
    }

    /**
     * A request read back from {@link #toJson()} (what a simulator behind HTTP receives), so that a server can answer it
     * with the scripted world model; the seed is drawn from the document itself.
     *
     * @throws IllegalArgumentException when the document is not such a request
     */
    public static SimulationRequest fromJson(JsonNode json) {
        JsonNode def = json.path("tool");
        if (!def.path("parameters").isObject() || !json.path("arguments").isObject() || !json.path("state").isObject()) {
            throw new IllegalArgumentException("not a tool simulation request: " + abbreviate(String.valueOf(json)));
        }
        ToolKind kind = ToolKind.valueOf(def.path("kind").asText("read").toUpperCase(java.util.Locale.ROOT));
        ToolDef tool = new ToolDef(def.path("name").asText(), def.path("description").asText(""), (ObjectNode) def.get("parameters"), kind, ToolSide.AGENT);
        JsonNode simulation = def.path("simulation");
        SimulationHints hints = new SimulationHints(text(simulation.get("collection")),
                SimulationHints.Action.valueOf(simulation.path("action").asText("other").toUpperCase(java.util.Locale.ROOT)),
                text(simulation.get("key")), text(simulation.get("items")));
        List<String> problems = new java.util.ArrayList<>();
        json.path("refused_before").forEach(problem -> problems.add(problem.asText()));
        long seed = dev.trajforge.simenv.Seeds.derive(0, "simulation-request", CanonicalJson.write(json));
        return new SimulationRequest(json.path("domain").asText(), json.path("domain_description").asText(""), tool, def.get("output_schema"), hints,
                (ObjectNode) json.get("arguments"), (ObjectNode) json.get("state"),
                json.path("schemas").isObject() ? (ObjectNode) json.get("schemas") : CanonicalJson.mapper().createObjectNode(),
                text(json.get("new_key")), problems, seed);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** The request as one JSON document (what an LLM simulator is shown), keys in a fixed order. */
    public ObjectNode toJson() {
        ObjectNode json = CanonicalJson.mapper().createObjectNode();
        json.put("domain", domain);
        json.put("domain_description", description);
        ObjectNode def = json.putObject("tool");
        def.put("name", tool.name());
        def.put("description", tool.description());
        def.put("kind", tool.kind().name().toLowerCase(java.util.Locale.ROOT));
        def.set("parameters", tool.parameters());
        if (output != null) def.set("output_schema", output);
        ObjectNode simulation = def.putObject("simulation");
        if (hints.collection() != null) simulation.put("collection", hints.collection());
        simulation.put("action", hints.action().label());
        if (hints.key() != null) simulation.put("key", hints.key());
        if (hints.items() != null) simulation.put("items", hints.items());
        json.set("arguments", arguments);
        json.set("state", state);
        json.set("schemas", schemas);
        if (newKey != null) json.put("new_key", newKey);
        if (!problems.isEmpty()) json.set("refused_before", CanonicalJson.mapper().valueToTree(problems));
        return json;
    }
}
