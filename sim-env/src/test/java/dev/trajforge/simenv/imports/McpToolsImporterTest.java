package dev.trajforge.simenv.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.tools.ToolKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpToolsImporterTest {
    @TempDir
    Path dir;

    @Test
    void should_map_every_server_memory_tool_with_an_entities_collection_keyed_by_name() {
        ImportedApi api = McpToolsImporter.read(TestFiles.of("server-memory-tools-list.json"));
        assertEquals(9, api.tools().size());
        assertTrue(api.report().skipped().isEmpty());
        assertEquals(1, api.collections().size());
        assertEquals("entities", api.collections().getFirst().name());
        assertEquals("name", api.collections().getFirst().key());
    }

    @Test
    void should_read_kinds_from_annotations_and_actions_from_names() {
        ImportedApi api = McpToolsImporter.read(TestFiles.of("server-memory-tools-list.json"));
        assertEquals(new DraftTool.Simulation("entities", DraftTool.Action.CREATE, null, "entities"), tool(api, "create_entities").simulation());
        assertEquals(new DraftTool.Simulation("entities", DraftTool.Action.DELETE, "entityNames", null), tool(api, "delete_entities").simulation());
        assertEquals(new DraftTool.Simulation("entities", DraftTool.Action.READ, "names", null), tool(api, "open_nodes").simulation());
        assertEquals(new DraftTool.Simulation("entities", DraftTool.Action.SEARCH, null, null), tool(api, "search_nodes").simulation());
        assertEquals(DraftTool.Action.OTHER, tool(api, "create_relations").simulation().action());
        assertEquals(ToolKind.READ, tool(api, "read_graph").kind());
        assertEquals(ToolKind.WRITE, tool(api, "delete_relations").kind());
    }

    @Test
    void should_accept_a_bare_tools_object_as_well_as_the_json_rpc_response() throws IOException {
        var response = new ObjectMapper().readTree(TestFiles.of("server-memory-tools-list.json").toFile());
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, response.get("result").toString());
        assertEquals(9, McpToolsImporter.read(bare).tools().size());
    }

    @Test
    void should_skip_a_tool_without_an_input_schema_and_keep_the_others() {
        var list = new ObjectMapper().createObjectNode();
        list.putArray("tools").add(new ObjectMapper().createObjectNode().put("name", "broken"))
                .add(new ObjectMapper().createObjectNode().put("name", "get_time").set("inputSchema", new ObjectMapper().createObjectNode().put("type", "object")));
        ImportedApi api = McpToolsImporter.fromToolsList(list, "clock", "test");
        assertEquals(1, api.tools().size());
        assertEquals(new ImportReport.Skipped("broken", "no inputSchema object"), api.report().skipped().getFirst());
    }

    @Test
    void should_name_the_file_when_it_is_not_a_tool_list() throws IOException {
        Path file = Files.writeString(dir.resolve("list.json"), "{\"result\": {}}");
        ImportException e = assertThrows(ImportException.class, () -> McpToolsImporter.read(file));
        assertTrue(e.getMessage().contains("list.json") && e.getMessage().contains("has no \"tools\" list"), e.getMessage());
    }

    private static DraftTool tool(ImportedApi api, String name) {
        return api.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
