package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.tools.ToolKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an MCP tool does, from its annotations and its name: {@code readOnlyHint} makes a read, else the name's
 * first word does ({@code get_}, {@code list_}, {@code search_}...); the collection is the one the name's words
 * name, else the one an argument's items are, else the server's only one; the action follows the verb
 * ({@code create_entities} with a list of entities creates each, {@code delete_entities} with a list of names
 * deletes them, {@code open_nodes} with names reads them, {@code search_} searches, {@code read_graph} lists).
 */
final class McpHints {
    private static final Set<String> READS = Set.of("get", "read", "list", "search", "find", "query", "fetch", "show", "describe", "view", "open",
            "lookup", "count", "check", "retrieve", "browse");
    private static final Set<String> SEARCHES = Set.of("search", "find", "query", "lookup");
    private static final Set<String> LISTS = Set.of("list", "browse", "read");
    private static final Set<String> CREATES = Set.of("create", "add", "insert", "new", "register", "post", "put");
    private static final Set<String> UPDATES = Set.of("update", "set", "edit", "modify", "rename", "change", "patch");
    private static final Set<String> DELETES = Set.of("delete", "remove", "drop", "destroy", "clear");

    private McpHints() {
    }

    static ToolKind kind(String name, JsonNode annotations) {
        if (annotations.has("readOnlyHint")) return annotations.get("readOnlyHint").asBoolean() ? ToolKind.READ : ToolKind.WRITE;
        return READS.contains(words(name).getFirst()) ? ToolKind.READ : ToolKind.WRITE;
    }

    static DraftTool.Simulation of(String name, ToolKind kind, JsonNode parameters, List<OpenApiHints.Found> collections) {
        OpenApiHints.Found found = collection(name, parameters, collections);
        if (found == null) return DraftTool.Simulation.other();
        String verb = words(name).getFirst();
        String key = keyArgument(parameters, found);
        String items = itemsArgument(parameters, found);
        if (kind == ToolKind.READ) {
            if (key != null && !SEARCHES.contains(verb)) return new DraftTool.Simulation(found.collection(), DraftTool.Action.READ, key, null);
            if (SEARCHES.contains(verb)) return new DraftTool.Simulation(found.collection(), DraftTool.Action.SEARCH, null, null);
            if (LISTS.contains(verb) || parameters.path("required").isEmpty()) return new DraftTool.Simulation(found.collection(), DraftTool.Action.LIST, null, null);
            return new DraftTool.Simulation(found.collection(), DraftTool.Action.OTHER, null, null);
        }
        if (CREATES.contains(verb) && items != null) return new DraftTool.Simulation(found.collection(), DraftTool.Action.CREATE, null, items);
        if (CREATES.contains(verb) && parameters.path("properties").has(found.key())) {
            return new DraftTool.Simulation(found.collection(), DraftTool.Action.CREATE, found.key(), null);
        }
        if (DELETES.contains(verb) && key != null) return new DraftTool.Simulation(found.collection(), DraftTool.Action.DELETE, key, null);
        if (UPDATES.contains(verb) && key != null) return new DraftTool.Simulation(found.collection(), DraftTool.Action.UPDATE, key, null);
        return new DraftTool.Simulation(found.collection(), DraftTool.Action.OTHER, null, null);
    }

    /** The collection the name's words name, else the one an argument lists, else the only one. */
    private static OpenApiHints.Found collection(String name, JsonNode parameters, List<OpenApiHints.Found> collections) {
        for (String word : words(name)) {
            for (OpenApiHints.Found found : collections) if (EntityKeys.names(word, found.entity(), found.collection())) return found;
        }
        for (OpenApiHints.Found found : collections) if (parameters.path("properties").has(found.collection())) return found;
        return collections.size() == 1 ? collections.getFirst() : null;
    }

    /** The argument naming entities by key: the key field, its plural, or the entity's ({@code entityNames}, {@code names}, {@code petId}). */
    private static String keyArgument(JsonNode parameters, OpenApiHints.Found found) {
        String key = found.key();
        String entity = found.entity();
        String capital = key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);
        for (String candidate : List.of(key, key + "s", entity + capital, entity + capital + "s", entity + "_" + key, entity + "_" + key + "s")) {
            JsonNode schema = parameters.path("properties").get(candidate);
            if (schema == null) continue;
            String type = SchemaValues.type(schema);
            if (EntityKeys.isKeyType(schema) || (type.equals("array") && EntityKeys.isKeyType(schema.path("items")))) return candidate;
        }
        return null;
    }

    /** The argument holding a list of entities of the collection (its items have the key field). */
    private static String itemsArgument(JsonNode parameters, OpenApiHints.Found found) {
        for (var it = parameters.path("properties").fields(); it.hasNext(); ) {
            var argument = it.next();
            JsonNode items = argument.getValue().path("items");
            if ("array".equals(SchemaValues.type(argument.getValue())) && items.path("properties").has(found.key())) return argument.getKey();
        }
        return null;
    }

    /** The lower-case words of a name: {@code create_entities} and {@code createEntities} give create, entities. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String word : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) words.add(word.toLowerCase(Locale.ROOT));
        }
        if (words.isEmpty()) words.add(name.toLowerCase(Locale.ROOT));
        return words;
    }
}
