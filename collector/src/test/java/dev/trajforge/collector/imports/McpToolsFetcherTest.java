package dev.trajforge.collector.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the tools of live MCP servers from the npm registry (server-memory over stdio, server-everything over
 * streamable HTTP), and the failures: a command that does not exist, a server that exits at once, a URL nothing
 * answers, a server that never answers. No child process outlives a fetch.
 */
class McpToolsFetcherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Set<Long> childrenBefore;

    @BeforeEach
    void noteChildren() {
        childrenBefore = children();
    }

    @AfterEach
    void should_leave_no_child_process_behind() {
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !childrenBefore.contains(p.pid())).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "processes the fetch started are still alive");
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static JsonNode recordedMemoryTools() throws IOException {
        try (InputStream in = McpToolsFetcherTest.class.getResourceAsStream("/imports/server-memory-tools-list.json")) {
            return new ObjectMapper().readTree(in).path("result").path("tools");
        }
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }

    @Test
    void should_read_server_memorys_tools_over_stdio_exactly_as_the_recorded_file_has_them() throws IOException {
        LiveToolsList live = McpToolsFetcher.fetch(McpServer.stdio(NpmServers.memoryCommand()), TIMEOUT);

        assertEquals(9, live.toolCount());
        assertEquals("memory-server", live.name());
        assertEquals(NpmServers.memoryCommand(), live.server());
        JsonNode recorded = recordedMemoryTools();
        assertEquals(names(recorded), names(live.toolsList().path("tools")));
        assertEquals(recorded, live.toolsList().path("tools"), "the tools as the server sent them, fields the SDK does not know included");
    }

    @Test
    void should_read_server_everythings_tools_over_streamable_http() throws Exception {
        LiveToolsList live;
        try (NpmServers.HttpServer server = NpmServers.HttpServer.everything()) {
            live = McpToolsFetcher.fetch(McpServer.http(server.url()), TIMEOUT);
        }

        assertEquals(13, live.toolCount(), live.toolsList().toString());
        assertTrue(names(live.toolsList().path("tools")).contains("echo"), live.toolsList().toString());
        assertEquals("mcp-servers/everything", live.name());
        assertTrue(live.toolsList().path("instructions").asText().startsWith("# Everything Server"), "the server's instructions are kept");
    }

    @Test
    void should_name_a_command_that_does_not_exist() {
        McpFetchException e = assertThrows(McpFetchException.class,
                () -> McpToolsFetcher.fetch(McpServer.stdio("trajforge-no-such-mcp-server --port 1"), TIMEOUT));

        assertTrue(e.getMessage().startsWith("MCP server \"trajforge-no-such-mcp-server --port 1\" could not be started: "
                + "Cannot run program \"trajforge-no-such-mcp-server\""), e.getMessage());
    }

    @Test
    void should_give_the_exit_code_of_a_server_that_exits_at_once() {
        McpFetchException e = assertThrows(McpFetchException.class, () -> McpToolsFetcher.fetch(McpServer.stdio("sh -c 'exit 3'"), TIMEOUT));

        assertEquals("MCP server \"sh -c 'exit 3'\" exited with code 3 during initialize; it wrote nothing to stderr", e.getMessage());
    }

    @Test
    void should_give_the_exit_code_and_last_stderr_lines_of_a_server_that_exits_before_answering() {
        long start = System.nanoTime();
        McpFetchException e = assertThrows(McpFetchException.class,
                () -> McpToolsFetcher.fetch(McpServer.stdio("sh -c 'echo starting >&2; echo \"API_KEY is not set\" >&2; sleep 0.5; exit 3'"), TIMEOUT));

        assertEquals("MCP server \"sh -c 'echo starting >&2; echo \"API_KEY is not set\" >&2; sleep 0.5; exit 3'\" exited with code 3 during initialize; "
                + "the last lines of its stderr:\n  starting\n  API_KEY is not set", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "an exit is noticed, not waited out");
    }

    @Test
    void should_name_a_url_nothing_answers() throws IOException {
        String url = "http://127.0.0.1:" + NpmServers.freePort() + "/mcp";
        McpFetchException e = assertThrows(McpFetchException.class, () -> McpToolsFetcher.fetch(McpServer.http(url), TIMEOUT));

        assertEquals("MCP server \"" + url + "\" initialize failed: nothing answers there (connection refused)", e.getMessage());
    }

    @Test
    void should_time_out_a_server_that_never_answers_and_end_it_with_its_children() {
        long start = System.nanoTime();
        McpFetchException e = assertThrows(McpFetchException.class,
                () -> McpToolsFetcher.fetch(McpServer.stdio("sh -c 'sleep 120 & sleep 121'"), Duration.ofSeconds(1)));

        assertEquals("MCP server \"sh -c 'sleep 120 & sleep 121'\" timed out after 1 s waiting for initialize (--timeout-seconds)", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(15)) < 0, "the timeout and the close are bounded");
    }
}
