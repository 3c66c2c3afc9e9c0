package dev.trajforge.collector.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.synth.Ideas.CollectionIdea;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an entities answer must keep beyond its schema: exactly the collections the tools name, a key that is a
 * required string property, a schema that compiles, the count of entities asked for, each valid against the schema,
 * with distinct keys.
 */
final class EntityChecks {
    private EntityChecks() {
    }

    static List<String> problems(List<CollectionIdea> collections, Set<String> needed, int count) {
        List<String> problems = new ArrayList<>();
        Set<String> given = new TreeSet<>();
        for (CollectionIdea collection : collections) {
            String at = "collection '" + collection.name() + "'";
            if (!given.add(collection.name())) problems.add("a second collection named '" + collection.name() + "'");
            if (!needed.contains(collection.name())) problems.add(at + ": no tool uses it; give exactly " + needed);
            JsonNode key = collection.schema().path("properties").path(collection.key());
            if (!"string".equals(key.path("type").asText())) problems.add(at + ": key '" + collection.key() + "' must be a property of type string");
            if (!requires(collection.schema(), collection.key())) problems.add(at + ": key '" + collection.key() + "' must be required");
            List<String> schemaProblems = SchemaCompiler.problems(at + " schema", collection.schema());
            problems.addAll(schemaProblems);
            if (collection.entities().size() != count) problems.add(at + ": expected exactly " + count + " entities, got " + collection.entities().size());
            if (!schemaProblems.isEmpty()) continue;
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < collection.entities().size(); i++) {
                ObjectNode entity = collection.entities().get(i);
                for (String violation : SchemaCompiler.violations(collection.schema(), entity)) problems.add(at + " entity " + i + ": " + violation);
                String value = entity.path(collection.key()).asText("");
                if (!value.isEmpty() && !keys.add(value)) problems.add(at + " entity " + i + ": key " + value + " repeats");
            }
        }
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(given);
        if (!missing.isEmpty()) problems.add("missing collections " + missing);
        return problems;
    }

    private static boolean requires(JsonNode schema, String field) {
        for (JsonNode name : schema.path("required")) if (field.equals(name.asText())) return true;
        return false;
    }
}
