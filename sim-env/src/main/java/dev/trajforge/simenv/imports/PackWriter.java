package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@link PackDraft} as a pack folder in the layout of {@code docs/domain-packs.md}: domain.yaml (with
 * {@code origin:}), policy.md, schemas/&lt;collection&gt;.schema.json, seed.yaml loading data/&lt;collection&gt;.json,
 * tools.yaml (every tool simulated), tasks.yaml, agent-phrases.json and user-topics.json. The folder must be
 * new or empty: a writer never mixes its files with others.
 */
public final class PackWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PackWriter() {
    }

    /**
     * Writes {@code draft} into {@code folder} (created if needed).
     *
     * @throws IOException when the folder exists and is not empty, or a file cannot be written
     */
    public static void write(PackDraft draft, Path folder) throws IOException {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) throw new IOException(folder + " exists and is not a folder");
            try (Stream<Path> children = Files.list(folder)) {
                if (children.findAny().isPresent()) throw new IOException(folder + " is not empty: a pack is written into a new or empty folder");
            }
        }
        Files.createDirectories(folder.resolve("schemas"));
        Files.createDirectories(folder.resolve("data"));
        text(folder.resolve("domain.yaml"), YamlText.render(domain(draft)));
        text(folder.resolve("policy.md"), draft.policy().endsWith("\n") ? draft.policy() : draft.policy() + "\n");
        for (DraftCollection collection : draft.collections()) {
            text(folder.resolve("schemas/" + collection.name() + ".schema.json"), json(collection.schema()));
            text(folder.resolve("data/" + collection.name() + ".json"), json(collection.seed()));
        }
        text(folder.resolve("seed.yaml"), YamlText.render(Map.of("steps", draft.collections().stream().map(PackWriter::seedStep).toList())));
        text(folder.resolve("tools.yaml"), YamlText.render(ToolsFile.of(draft.tools())));
        text(folder.resolve("tasks.yaml"), YamlText.render(TasksFile.of(draft.setup(), draft.intents())));
        text(folder.resolve("agent-phrases.json"), json(PhraseFiles.agentPhrases(draft)));
        text(folder.resolve("user-topics.json"), json(PhraseFiles.userTopics(draft)));
    }

    private static Map<String, Object> domain(PackDraft draft) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", draft.name());
        out.put("description", draft.description());
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("kind", draft.origin().kind().wireName());
        origin.put("source", draft.origin().source());
        out.put("origin", origin);
        out.put("clock", draft.clock());
        out.put("confirm_writes", draft.confirmWrites());
        Map<String, Object> collections = new LinkedHashMap<>();
        for (DraftCollection collection : draft.collections()) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("key", collection.key());
            if (collection.newIds() != null) definition.put("new_ids", collection.newIds());
            collections.put(collection.name(), definition);
        }
        out.put("collections", collections);
        return out;
    }

    private static Map<String, Object> seedStep(DraftCollection collection) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("generate", collection.name());
        step.put("file", "data/" + collection.name() + ".json");
        return step;
    }

    private static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value instanceof List<?> list ? list : value) + "\n";
    }

    private static void text(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
