package dev.trajforge.simenv.pack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.DomainOrigin;
import dev.trajforge.simenv.Hashing;
import dev.trajforge.simenv.PromptResource;
import dev.trajforge.simenv.agent.AgentPhrases;
import dev.trajforge.simenv.state.EntitySchemas;
import dev.trajforge.simenv.tools.ToolDef;
import dev.trajforge.simenv.user.UserTopics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a pack folder into a {@link PackDefinition}: every file is read and checked, every problem
 * of every file collected (file, line, key), and a {@link PackException} thrown with all of them.
 */
final class PackLoader {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> DOMAIN_KEYS = Set.of("name", "description", "clock", "confirm_writes", "collections", "policy", "origin");

    private PackLoader() {
    }

    static PackDefinition load(Path pack, String location) {
        PackProblems problems = new PackProblems();
        PackDocument domainFile = PackDocument.read(pack, "domain.yaml", problems);
        if (domainFile == null) problems.throwIfAny(pack);
        PackNode domain = domainFile.root();
        domain.onlyKeys(DOMAIN_KEYS, problems);
        String name = domain.required("name", problems).text(problems);
        if (name != null && !NAME.matcher(name).matches()) problems.add(domain.get("name").problem("must match " + NAME + ", got '" + name + "'"));
        String description = domain.required("description", problems).text("", problems);
        Instant clock = clock(domain.required("clock", problems), problems);
        boolean confirmWrites = domain.get("confirm_writes").bool(true, problems);
        DomainOrigin origin = origin(domain.get("origin"), location, problems);
        Map<String, PackCollections.Collection> collections = collections(domain.required("collections", problems), problems);
        PackCollections schemas = schemas(pack, collections, problems);

        PromptResource policy = text(pack, domain.get("policy").text("policy.md", problems), location, problems);
        PromptResource phrases = text(pack, "agent-phrases.json", location, problems);
        PromptResource topics = text(pack, "user-topics.json", location, problems);
        if (phrases != null) check(() -> AgentPhrases.parse(phrases), "agent-phrases.json", problems);
        if (topics != null) check(() -> UserTopics.parse(topics), "user-topics.json", problems);

        PackDocument seedFile = PackDocument.read(pack, "seed.yaml", problems);
        SeedProgram seed = seedFile == null ? null : SeedReader.read(name == null ? "pack" : name, pack, seedFile.root(), problems);
        PackDocument toolsFile = PackDocument.read(pack, "tools.yaml", problems);
        java.util.Set<String> declared = new java.util.TreeSet<>();
        List<PackTool> tools = toolsFile == null ? List.of() : ToolsReader.read(toolsFile.root(), declared, collections, problems);
        Map<String, ToolDef> byName = new TreeMap<>();
        tools.forEach(tool -> byName.put(tool.definition().name(), tool.definition()));
        PackDocument tasksFile = PackDocument.read(pack, "tasks.yaml", problems);
        TaskTemplates tasks = tasksFile == null || toolsFile == null ? null
                : TasksReader.read(tasksFile.root(), byName, declared, collections.keySet(), problems);

        problems.throwIfAny(pack);
        return new PackDefinition(name, description, location, clock, confirmWrites, policy, phrases, topics, schemas, seed,
                new PackTools(tools), tasks, origin);
    }

    /** {@code origin: {kind, source}}; without it, a pack on the class path is built in and any other a user's pack. */
    private static DomainOrigin origin(PackNode node, String location, PackProblems problems) {
        DomainOrigin fallback = location.startsWith("classpath:") ? DomainOrigin.BUILTIN : new DomainOrigin("pack", "");
        if (!node.present()) return fallback;
        node.onlyKeys(Set.of("kind", "source"), problems);
        String kind = node.required("kind", problems).text(problems);
        String source = node.get("source").text("", problems);
        if (kind == null) return fallback;
        try {
            return new DomainOrigin(kind, source);
        } catch (IllegalArgumentException e) {
            problems.add(node.get("kind").problem(e.getMessage()));
            return fallback;
        }
    }

    private static Instant clock(PackNode node, PackProblems problems) {
        String text = node.text(problems);
        if (text == null) return Instant.EPOCH;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(node.problem("must be an ISO-8601 instant such as 2024-05-15T15:00:00Z, got '" + text + "'"));
            return Instant.EPOCH;
        }
    }

    private static Map<String, PackCollections.Collection> collections(PackNode node, PackProblems problems) {
        Map<String, PackCollections.Collection> out = new LinkedHashMap<>();
        node.entries(problems).forEach((name, definition) -> {
            if (!NAME.matcher(name).matches()) problems.add(definition.problem("a collection name must match " + NAME));
            definition.onlyKeys(Set.of("key", "new_ids"), problems);
            String key = definition.required("key", problems).text(problems);
            PackCollections.NewIds newIds = null;
            String format = definition.get("new_ids").text(problems);
            if (format != null) {
                try {
                    newIds = PackCollections.NewIds.parse(format);
                } catch (IllegalArgumentException e) {
                    problems.add(definition.get("new_ids").problem(e.getMessage()));
                }
            }
            if (key != null) out.put(name, new PackCollections.Collection(name, key, newIds));
        });
        // no collection at all is allowed: a world of tools that keep no state (an imported server of utilities, judged on actions)
        return out;
    }

    /** {@code schemas/<collection>.schema.json} for each collection, each checked against the JSON Schema meta-schema. */
    private static PackCollections schemas(Path pack, Map<String, PackCollections.Collection> collections, PackProblems problems) {
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (String collection : collections.keySet()) {
            String file = "schemas/" + collection + ".schema.json";
            PackDocument document = PackDocument.read(pack, file, problems);
            if (document == null) continue;
            JsonNode schema = document.root().value();
            List<String> broken = schema.isObject() ? EntitySchemas.schemaProblems(schema) : List.of("must be a JSON object");
            java.util.Set<String> reported = new java.util.HashSet<>();
            for (String problem : broken) {
                String path = schemaPath(problem);
                if (!reported.add(path)) continue; // one problem per place: a bad "type" breaks two rules of the meta-schema
                String message = problem.contains(": ") ? problem.substring(problem.indexOf(": ") + 2) : problem;
                problems.add(new PackProblem(file, document.line(path), path, "not a valid JSON Schema: " + message));
            }
            if (broken.isEmpty()) schemas.put(collection, schema);
        }
        if (schemas.size() != collections.size()) return null;
        return PackCollections.of(collections, EntitySchemas.of(schemas));
    }

    /** The key path a meta-schema message names ({@code /properties/name/type: ...} gives {@code properties.name.type}). */
    private static String schemaPath(String message) {
        int colon = message.indexOf(": ");
        String pointer = colon < 0 ? "" : message.substring(0, colon);
        if (pointer.startsWith("$")) pointer = pointer.substring(1).replace('.', '/');
        if (!pointer.startsWith("/")) return "";
        StringBuilder path = new StringBuilder();
        for (String token : pointer.substring(1).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (key.matches("[0-9]+")) path.append('[').append(key).append(']');
            else path.append(path.isEmpty() ? "" : ".").append(key);
        }
        return path.toString();
    }

    private static PromptResource text(Path pack, String file, String location, PackProblems problems) {
        try {
            String text = Files.readString(pack.resolve(file), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                problems.add(new PackProblem(file, 0, "", "is empty"));
                return null;
            }
            return new PromptResource(location + "/" + file, text, Hashing.sha256Hex(text));
        } catch (IOException e) {
            problems.add(new PackProblem(file, 0, "", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private static void check(Runnable parse, String file, PackProblems problems) {
        try {
            parse.run();
        } catch (RuntimeException e) {
            problems.add(new PackProblem(file, 0, "", e.getMessage()));
        }
    }
}
