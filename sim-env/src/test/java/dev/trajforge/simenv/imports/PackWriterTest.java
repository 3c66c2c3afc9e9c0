package dev.trajforge.simenv.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackWriterTest {
    @TempDir
    Path dir;

    @Test
    void should_write_every_file_of_the_pack_layout() throws IOException {
        PackWriter.write(NotesDraft.draft(), dir.resolve("notes"));
        for (String file : List.of("domain.yaml", "policy.md", "schemas/notes.schema.json", "seed.yaml", "data/notes.json", "tools.yaml",
                "tasks.yaml", "agent-phrases.json", "user-topics.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("notes").resolve(file)), file);
        }
    }

    @Test
    void should_write_the_origin_and_collections_in_domain_yaml() throws IOException {
        PackWriter.write(NotesDraft.draft(), dir);
        Map<String, Object> domain = yaml("domain.yaml");
        assertEquals(Map.of("kind", "synthesized", "source", "test"), domain.get("origin"));
        assertEquals(Map.of("notes", Map.of("key", "note_id", "new_ids", "N{seq:3}")), domain.get("collections"));
        assertEquals(Map.of("steps", List.of(Map.of("generate", "notes", "file", "data/notes.json"))), yaml("seed.yaml"));
    }

    @Test
    void should_mark_every_tool_simulated_with_its_hints_and_output() throws IOException {
        PackWriter.write(NotesDraft.draft(), dir);
        List<Map<String, Object>> tools = list(yaml("tools.yaml").get("tools"));
        assertEquals("simulated", tools.get(0).get("implementation"));
        assertEquals(Map.of("collection", "notes", "action", "read", "key", "note_id"), tools.get(0).get("simulation"));
        assertEquals("#/$defs/Note", ((Map<?, ?>) tools.get(0).get("output")).get("$ref"));
        assertEquals("update", ((Map<?, ?>) tools.get(1).get("simulation")).get("action"));
    }

    @Test
    void should_write_a_string_value_as_a_jsonata_literal_and_other_values_as_yaml() throws IOException {
        PackWriter.write(NotesDraft.draft(), dir);
        Map<String, Object> rename = list(yaml("tasks.yaml").get("intents")).get(1);
        Map<?, ?> args = (Map<?, ?>) list(rename.get("steps")).get(0).get("args");
        assertEquals("$note.note_id", args.get("note_id"));
        assertEquals("\"It's done\"", args.get("title"));
        assertEquals(List.of("home", "yes"), args.get("tags"));
        assertEquals(List.of("state", "assertions", "confirmation"), rename.get("reward_basis"));
        assertEquals("\"Alex O'Neil\"", yaml("tasks.yaml").get("name"));
    }

    @Test
    void should_derive_user_topics_from_the_tool_parameters() throws IOException {
        PackWriter.write(NotesDraft.draft(), dir);
        String topics = Files.readString(dir.resolve("user-topics.json"));
        assertTrue(topics.contains("\"note_id\" : [ \"note_id\", \"note id\" ]"), topics);
        assertEquals(List.of("petid", "pet id"), PhraseFiles.wordsFor("petId"));
        assertTrue(Files.readString(dir.resolve("agent-phrases.json")).contains("Note {note_id} is now called {title}."));
    }

    @Test
    void should_refuse_a_folder_that_is_not_empty() throws IOException {
        Files.writeString(dir.resolve("other.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> PackWriter.write(NotesDraft.draft(), dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    private Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(dir.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
