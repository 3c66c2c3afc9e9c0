package dev.trajforge.collector.imports;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;

import java.time.Duration;
import java.util.Optional;

/** The transport to one server, and what only that kind of transport can tell about a failure. */
interface Connection {

    McpClientTransport transport();

    /**
     * Why the server can answer no more (it could not be started, it exited during {@code step}), once that is known;
     * empty while it may answer.
     *
     * @param wait how long to wait for a server that is going away to be gone
     */
    Optional<String> ended(String step, Duration wait);

    /** What {@code failure}, raised by the client during {@code step}, says about this server (an HTTP status, a refused connection). */
    String explain(String step, Throwable failure);

    /** Closes {@code client} and ends whatever the connection started (a child process and its children) within seconds. */
    void close(McpSyncClient client);
}
