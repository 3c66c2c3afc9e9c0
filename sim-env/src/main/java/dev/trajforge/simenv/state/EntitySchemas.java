package dev.trajforge.simenv.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.trajforge.simenv.CanonicalJson;
import dev.trajforge.simenv.PromptResource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON Schema of each collection of a world's state (draft 2020-12, checked with the networknt
 * validator): what every entity must look like, so a change that would leave an entity malformed (a
 * patch from a simulator, a bug in a tool) is refused with the entity, the path and the rule. Loaded
 * from a domain's {@code schemas/<collection>.schema.json}; thread-safe.
 */
public final class EntitySchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /** Draft 2020-12's meta-schema, bundled with the validator (no network). */
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"),
            SchemaValidatorsConfig.builder().build());

    private final Map<String, JsonSchema> byCollection;

    private EntitySchemas(Map<String, JsonSchema> byCollection) {
        this.byCollection = byCollection;
    }

    /** One schema per collection, from {@code <folder>/<collection>.schema.json} beside {@code anchor}. */
    public static EntitySchemas load(Class<?> anchor, String folder, List<String> collections) {
        Map<String, JsonSchema> schemas = new TreeMap<>();
        for (String collection : collections) {
            PromptResource resource = PromptResource.load(anchor, folder + "/" + collection + ".schema.json");
            JsonNode node = CanonicalJson.parseOrNull(resource.text());
            if (node == null || !node.isObject()) throw new IllegalStateException(resource.path() + " is not a JSON object");
            schemas.put(collection, FACTORY.getSchema(node, CONFIG));
        }
        return new EntitySchemas(Map.copyOf(schemas));
    }

    /** One schema per collection, from schema trees already read (a domain pack's files). */
    public static EntitySchemas of(Map<String, JsonNode> schemas) {
        Map<String, JsonSchema> compiled = new TreeMap<>();
        schemas.forEach((collection, node) -> compiled.put(collection, FACTORY.getSchema(node, CONFIG)));
        return new EntitySchemas(Map.copyOf(compiled));
    }

    /**
     * What is wrong with {@code schema} as a JSON Schema (draft 2020-12), checked against the draft's
     * meta-schema: each problem as "path: message"; empty when it is a valid schema.
     */
    public static List<String> schemaProblems(JsonNode schema) {
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : META_SCHEMA.validate(schema)) problems.add(message.getMessage());
        return List.copyOf(problems);
    }

    /** The schema of {@code collection} as written. */
    public JsonNode node(String collection) {
        JsonSchema schema = byCollection.get(collection);
        if (schema == null) throw new IllegalArgumentException("no schema for collection '" + collection + "'");
        return schema.getSchemaNode().deepCopy();
    }

    public java.util.Set<String> collections() {
        return byCollection.keySet();
    }

    /** Every rule {@code entity} breaks, as "collection/key: path: message", in a stable order; empty when it conforms. */
    public List<String> problems(String collection, String key, JsonNode entity) {
        JsonSchema schema = byCollection.get(collection);
        if (schema == null) return List.of(collection + "/" + key + ": no such collection (known: " + byCollection.keySet() + ")");
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage message : schema.validate(entity)) problems.add(collection + "/" + key + ": " + message.getMessage());
        return List.copyOf(problems);
    }
}
