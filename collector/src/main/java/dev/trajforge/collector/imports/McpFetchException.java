package dev.trajforge.collector.imports;

/** A live MCP server's tools could not be read; the message names the server and what failed. */
public final class McpFetchException extends RuntimeException {
    McpFetchException(String message) {
        super(message);
    }
}
