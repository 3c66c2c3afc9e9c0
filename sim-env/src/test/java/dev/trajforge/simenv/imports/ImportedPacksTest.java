package dev.trajforge.simenv.imports;

import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.World;
import dev.trajforge.simenv.pack.DomainPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportedPacksTest {
    @TempDir
    Path dir;

    @Test
    void should_write_a_petstore_pack_that_loads_and_uses_every_tool_in_its_first_tasks() throws IOException {
        ImportedPacks.ImportedPack pack = ImportedPacks.draft(OpenApiImporter.read(TestFiles.of("petstore-3.0.json")), "petstore", 0, 12);
        PackWriter.write(pack.draft(), dir);
        Domain domain = DomainPacks.load(dir);
        World world = domain.world(0);
        Set<String> used = new HashSet<>();
        world.tasks(100).forEach(task -> task.goldActions().forEach(call -> used.add(call.name())));
        assertEquals(19, world.tools().size());
        assertEquals(19, used.size());
        assertTrue(Files.readString(dir.resolve("domain.yaml")).contains("kind: openapi"));
    }

    @Test
    void should_draw_the_same_pack_from_the_same_seed_and_other_seed_data_from_another() {
        ImportedApi api = OpenApiImporter.read(TestFiles.of("petstore-3.0.json"));
        PackDraft once = ImportedPacks.draft(api, "petstore", 7, 5).draft();
        PackDraft again = ImportedPacks.draft(api, "petstore", 7, 5).draft();
        PackDraft other = ImportedPacks.draft(api, "petstore", 8, 5).draft();
        assertEquals(once.collections(), again.collections());
        assertEquals(once.intents(), again.intents());
        assertTrue(!once.collections().equals(other.collections()));
    }

    @Test
    void should_keep_seed_entities_valid_with_unique_keys() {
        PackDraft draft = ImportedPacks.draft(McpToolsImporter.read(TestFiles.of("server-memory-tools-list.json")), "memory", 0, 30).draft();
        DraftCollection entities = draft.collections().getFirst();
        assertEquals(30, entities.seed().size()); // the DraftCollection record itself rejects a duplicate key
        var schemas = dev.trajforge.simenv.state.EntitySchemas.of(java.util.Map.of("entities", entities.schema()));
        entities.seed().forEach(e -> assertEquals(java.util.List.of(), schemas.problems("entities", e.get("name").asText(), e)));
    }
}
