package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trajforge.collector.imports.NpmServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trajforge domains import --mcp-stdio / --mcp-http}: server-memory from the npm registry imported live over
 * stdio, checked with {@code domains check}, saved and imported again from the file; a server that cannot be reached
 * named with exit 2. Skipped with the reason where Node.js or npm is missing.
 */
class DomainsImportLiveMcpTest {
    @TempDir
    Path tmp;

    @Test
    void should_import_server_memory_live_over_stdio_as_a_pack_that_keeps_the_domain_contract() throws IOException {
        String command = NpmServers.memoryCommand();
        Path out = tmp.resolve("memory");
        Path saved = tmp.resolve("lists/memory-tools.json");
        Set<Long> before = children();

        CliRun imported = CliRun.of("domains", "import", "--mcp-stdio", command, "--name", "memory", "--out", out.toString(),
                "--seed", "5", "--entities", "8", "--save-tools-list", saved.toString(), "--timeout-seconds", "60");

        assertEquals(TrajforgeCli.EXIT_OK, imported.exitCode(), imported.out() + imported.err());
        assertEquals(9, imported.out().lines().filter(l -> l.startsWith("mapped ")).count(), imported.out());
        assertTrue(imported.out().contains("9 tools (3 read, 6 write), 0 skipped; 1 collections of 8 entities; 9 intents"), imported.out());
        assertTrue(imported.out().startsWith("memory  (mcp: " + command + ")"), imported.out());
        JsonNode origin = new YAMLMapper().readTree(out.resolve("domain.yaml").toFile()).path("origin");
        assertEquals("mcp", origin.path("kind").asText());
        assertEquals(command, origin.path("source").asText());
        assertEquals(Set.of(), newChildren(before), "the server does not outlive the command");

        CliRun checked = CliRun.of("domains", "check", out.toString());
        assertEquals(TrajforgeCli.EXIT_OK, checked.exitCode(), checked.out() + checked.err());
        assertEquals("OK: memory keeps all 6 clauses of the domain contract", checked.out().lines().toList().getLast());

        assertEquals(recordedToolNames(), toolNames(new ObjectMapper().readTree(saved.toFile()).path("tools")));
        Path again = tmp.resolve("memory-again");
        CliRun fromFile = CliRun.of("domains", "import", "--mcp-tools", saved.toString(), "--name", "memory", "--out", again.toString(),
                "--seed", "5", "--entities", "8");
        assertEquals(TrajforgeCli.EXIT_OK, fromFile.exitCode(), fromFile.out() + fromFile.err());
        for (String file : List.of("tools.yaml", "tasks.yaml", "seed.yaml", "policy.md")) {
            assertEquals(Files.readString(out.resolve(file)), Files.readString(again.resolve(file)), file + " is the same from the saved file");
        }
    }

    @Test
    void should_import_server_everything_live_over_streamable_http_keeping_its_stateful_tools_and_naming_the_rest()
            throws IOException, InterruptedException {
        Path out = tmp.resolve("everything");
        CliRun imported;
        try (NpmServers.HttpServer server = NpmServers.HttpServer.everything()) {
            imported = CliRun.of("domains", "import", "--mcp-http", server.url(), "--name", "everything", "--out", out.toString());
        }

        assertEquals(TrajforgeCli.EXIT_OK, imported.exitCode(), imported.out() + imported.err());
        // utilities with no entities: the writes are kept (judged on actions), reads whose answer cannot be foreseen are named and skipped
        assertTrue(imported.out().contains("4 tools (0 read, 4 write), 9 skipped; 0 collections"), imported.out());
        assertTrue(imported.out().contains("skipped  echo (echo): no task can be planned for it"), imported.out());
        CliRun checked = CliRun.of("domains", "check", out.toString());
        assertEquals(TrajforgeCli.EXIT_OK, checked.exitCode(), checked.out() + checked.err());
    }

    @Test
    void should_name_a_server_nothing_answers_and_exit_2_writing_nothing() throws IOException {
        String url = "http://127.0.0.1:" + NpmServers.freePort() + "/mcp";
        Path out = tmp.resolve("none");
        Path saved = tmp.resolve("none.json");

        CliRun run = CliRun.of("domains", "import", "--mcp-http", url, "--out", out.toString(), "--save-tools-list", saved.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertEquals("trajforge: MCP server \"" + url + "\" initialize failed: nothing answers there (connection refused)", run.err().strip());
        assertFalse(Files.exists(out), "no pack");
        assertFalse(Files.exists(saved), "no tools list");
    }

    @Test
    void should_name_a_command_that_does_not_exist_and_exit_2() {
        Set<Long> before = children();
        CliRun run = CliRun.of("domains", "import", "--mcp-stdio", "trajforge-no-such-server --stdio", "--out", tmp.resolve("x").toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("trajforge: MCP server \"trajforge-no-such-server --stdio\" could not be started: Cannot run program"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals(Set.of(), newChildren(before));
    }

    @Test
    void should_take_exactly_one_source_and_save_only_a_live_list() throws IOException {
        CliRun two = CliRun.of("domains", "import", "--mcp-stdio", "x", "--mcp-http", "http://127.0.0.1:1/mcp", "--out", tmp.resolve("a").toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, two.exitCode(), two.err());
        assertTrue(two.err().contains("mutually exclusive"), two.err());

        Path list = Files.writeString(tmp.resolve("tools.json"), "{\"tools\": []}");
        CliRun saveFile = CliRun.of("domains", "import", "--mcp-tools", list.toString(), "--save-tools-list", tmp.resolve("b.json").toString(),
                "--out", tmp.resolve("b").toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, saveFile.exitCode());
        assertEquals("trajforge: --save-tools-list goes with --mcp-stdio or --mcp-http (a file source is already a file)", saveFile.err().strip());

        CliRun noTime = CliRun.of("domains", "import", "--mcp-http", "http://127.0.0.1:1/mcp", "--timeout-seconds", "0", "--out", tmp.resolve("c").toString());
        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, noTime.exitCode());
        assertEquals("trajforge: --timeout-seconds must be >= 1, got 0", noTime.err().strip());
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static Set<Long> newChildren(Set<Long> before) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(pid -> !before.contains(pid)).collect(Collectors.toSet());
    }

    private List<String> recordedToolNames() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/imports/server-memory-tools-list.json")) {
            return toolNames(new ObjectMapper().readTree(in).path("result").path("tools"));
        }
    }

    private static List<String> toolNames(JsonNode tools) {
        return java.util.stream.StreamSupport.stream(tools.spliterator(), false).map(t -> t.path("name").asText()).toList();
    }
}
