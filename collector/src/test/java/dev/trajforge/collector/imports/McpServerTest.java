package dev.trajforge.collector.imports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpServerTest {
    @Test
    void should_split_a_command_line_into_program_and_arguments_keeping_quoted_blanks() {
        McpServer.Stdio server = McpServer.stdio("  node -e \"process.exit(3)\" 'a b'  ");

        assertEquals("node", server.program());
        assertEquals(List.of("-e", "process.exit(3)", "a b"), server.arguments());
        assertEquals("node -e \"process.exit(3)\" 'a b'", server.source());
    }

    @Test
    void should_refuse_an_empty_command_line() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> McpServer.stdio("   "));
        assertEquals("the MCP server command line is empty", e.getMessage());
    }

    @Test
    void should_send_requests_to_the_urls_path_and_query_and_record_it_without_user_info() {
        McpServer.Http server = McpServer.http("http://user:secret@127.0.0.1:3001/mcp?tenant=a");

        assertEquals("http://127.0.0.1:3001", server.base());
        assertEquals("/mcp?tenant=a", server.endpoint());
        assertEquals("http://127.0.0.1:3001/mcp?tenant=a", server.source());
        assertEquals("/", McpServer.http("http://localhost:8080").endpoint());
    }

    @Test
    void should_refuse_a_url_that_is_not_http() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> McpServer.http("ftp://127.0.0.1/mcp"));
        assertTrue(e.getMessage().contains("is not http:// or https://"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> McpServer.http("http://[::1"));
    }
}
