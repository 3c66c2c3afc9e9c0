package dev.trajforge.simenv.imports;

import dev.trajforge.simenv.tools.ToolKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiImporterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"petstore-3.0.json", "petstore-3.1.json"})
    void should_map_nineteen_petstore_operations_and_skip_the_binary_upload(String file) {
        ImportedApi api = OpenApiImporter.read(TestFiles.of(file));
        assertEquals(19, api.tools().size());
        assertEquals(8, api.tools().stream().filter(t -> t.kind() == ToolKind.READ).count());
        assertEquals(1, api.report().skipped().size());
        assertEquals("POST /pet/{petId}/uploadImage", api.report().skipped().getFirst().source());
    }

    @Test
    void should_say_why_an_operation_is_skipped() {
        assertEquals(List.of(new ImportReport.Skipped("POST /pet/{petId}/uploadImage",
                "request body is only multipart/form-data (no JSON or form body to map)")), OpenApiImporter.read(TestFiles.of("petstore-3.0.json")).report().skipped());
        assertEquals(List.of(new ImportReport.Skipped("POST /pet/{petId}/uploadImage",
                "request body is only application/octet-stream (no JSON or form body to map)")), OpenApiImporter.read(TestFiles.of("petstore-3.1.json")).report().skipped());
    }

    @Test
    void should_derive_collections_with_string_and_integer_keys_from_component_schemas() {
        Map<String, String> keys = OpenApiImporter.read(TestFiles.of("petstore-3.0.json")).collections().stream()
                .collect(Collectors.toMap(DraftCollection::name, DraftCollection::key));
        assertEquals(Map.of("pets", "id", "orders", "id", "users", "username"), keys);
    }

    @Test
    void should_derive_simulation_hints_from_method_path_and_parameters() {
        ImportedApi api = OpenApiImporter.read(TestFiles.of("petstore-3.0.json"));
        assertEquals(new DraftTool.Simulation("pets", DraftTool.Action.READ, "petId", null), tool(api, "getPetById").simulation());
        assertEquals(new DraftTool.Simulation("pets", DraftTool.Action.SEARCH, null, null), tool(api, "findPetsByStatus").simulation());
        assertEquals(new DraftTool.Simulation("pets", DraftTool.Action.UPDATE, "id", null), tool(api, "updatePet").simulation());
        assertEquals(new DraftTool.Simulation("pets", DraftTool.Action.UPDATE, "petId", null), tool(api, "updatePetWithForm").simulation());
        assertEquals(new DraftTool.Simulation("pets", DraftTool.Action.DELETE, "petId", null), tool(api, "deletePet").simulation());
        assertEquals(new DraftTool.Simulation("users", DraftTool.Action.CREATE, null, "body"), tool(api, "createUsersWithArrayInput").simulation());
        assertEquals(DraftTool.Simulation.other(), tool(api, "getInventory").simulation());
    }

    @Test
    void should_merge_path_header_and_body_into_one_parameters_object_and_resolve_refs() {
        ImportedApi api = OpenApiImporter.read(TestFiles.of("petstore-3.0.json"));
        var updatePet = tool(api, "updatePet").parameters();
        assertEquals(List.of("name", "photoUrls"), iterable(updatePet.get("required")));
        assertEquals("object", updatePet.at("/properties/category/type").asText()); // #/components/schemas/Category inlined
        assertEquals(List.of("api_key", "petId"), names(tool(api, "deletePet").parameters().get("properties")));
        assertEquals("doggie", tool(api, "getPetById").output().at("/properties/name/examples/0").asText()); // the Pet schema, example kept
        assertNull(tool(api, "deletePet").output());
    }

    @Test
    void should_name_the_file_when_it_is_missing_or_not_openapi() throws IOException {
        ImportException missing = assertThrows(ImportException.class, () -> OpenApiImporter.read(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("nope.yaml: no such file"), missing.getMessage());
        Path notOpenApi = Files.writeString(dir.resolve("other.yaml"), "hello: world\n");
        ImportException wrong = assertThrows(ImportException.class, () -> OpenApiImporter.read(notOpenApi));
        assertTrue(wrong.getMessage().contains("other.yaml is not an OpenAPI 3.0 or 3.1 document"), wrong.getMessage());
    }

    @Test
    void should_make_tool_names_from_method_and_path_without_an_operation_id() {
        assertEquals("get_pet_petId", OpenApiImporter.toolName("", "get", "/pet/{petId}"));
        assertEquals("list_pets_v2", OpenApiImporter.toolName("list pets (v2)", "get", "/pets"));
    }

    private static DraftTool tool(ImportedApi api, String name) {
        return api.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> iterable(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
