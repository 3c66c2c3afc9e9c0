package dev.trajforge.collector.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trajforge domains import} on the Swagger Petstore document and server-memory's tool list (sim-env's test
 * resources, see their NOTICE), then {@code domains check} on the packs it wrote.
 */
class DomainsImportCommandTest {
    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/imports/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void should_import_the_petstore_document_as_a_pack_that_keeps_the_domain_contract() throws IOException {
        Path out = tmp.resolve("petstore");
        CliRun imported = CliRun.of("domains", "import", "--openapi", resource("petstore-3.0.json").toString(), "--out", out.toString());

        assertEquals(TrajforgeCli.EXIT_OK, imported.exitCode(), imported.out() + imported.err());
        List<String> lines = imported.out().lines().toList();
        assertEquals(19, lines.stream().filter(l -> l.startsWith("mapped ")).count(), imported.out());
        assertTrue(lines.contains("skipped  POST /pet/{petId}/uploadImage: request body is only multipart/form-data (no JSON or form body to map)"), imported.out());
        assertTrue(imported.out().contains("19 tools (8 read, 11 write), 1 skipped; 3 collections of 12 entities; 19 intents"), imported.out());

        CliRun checked = CliRun.of("domains", "check", out.toString());
        assertEquals(TrajforgeCli.EXIT_OK, checked.exitCode(), checked.out() + checked.err());
        assertEquals("OK: swagger_petstore keeps all 6 clauses of the domain contract", checked.out().lines().toList().getLast());
    }

    @Test
    void should_import_server_memory_tools_as_a_pack_that_keeps_the_domain_contract() throws IOException {
        Path out = tmp.resolve("memory");
        CliRun imported = CliRun.of("domains", "import", "--mcp-tools", resource("server-memory-tools-list.json").toString(),
                "--name", "memory", "--out", out.toString(), "--seed", "5", "--entities", "8");

        assertEquals(TrajforgeCli.EXIT_OK, imported.exitCode(), imported.out() + imported.err());
        assertTrue(imported.out().contains("9 tools (3 read, 6 write), 0 skipped; 1 collections of 8 entities; 9 intents"), imported.out());

        CliRun checked = CliRun.of("domains", "check", out.toString());
        assertEquals(TrajforgeCli.EXIT_OK, checked.exitCode(), checked.out() + checked.err());
    }

    @Test
    void should_name_a_missing_or_unparsable_file_and_exit_2() throws IOException {
        CliRun missing = CliRun.of("domains", "import", "--openapi", tmp.resolve("none.yaml").toString(), "--out", tmp.resolve("a").toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, missing.exitCode());
        assertEquals("trajforge: OpenAPI document " + tmp.resolve("none.yaml") + ": no such file", missing.err().strip());

        Path broken = Files.writeString(tmp.resolve("tools.json"), "{\"tools\": [");
        CliRun unparsable = CliRun.of("domains", "import", "--mcp-tools", broken.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, unparsable.exitCode());
        assertTrue(unparsable.err().startsWith("trajforge: MCP tool list " + broken + " is not JSON"), unparsable.err());
        assertFalse(unparsable.err().contains("\tat "), unparsable.err());
        assertFalse(Files.exists(tmp.resolve("b")), "no pack is written from bad input");
    }

    @Test
    void should_refuse_to_write_into_a_folder_that_is_not_empty() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun run = CliRun.of("domains", "import", "--openapi", resource("petstore-3.0.json").toString(), "--out", out.toString());
        assertEquals(TrajforgeCli.EXIT_CANNOT_WRITE, run.exitCode());
        assertTrue(run.err().contains("is not empty"), run.err());
    }
}
