package dev.trajforge.collector.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a live MCP server's tools with the official MCP Java SDK's synchronous client: starts or connects to the
 * server, {@code initialize}, every page of {@code tools/list}, then closes it (a child process does not outlive the
 * call). The whole exchange is bounded by one timeout.
 */
public final class McpToolsFetcher {
    private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("trajforge", "0.1.0");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LAST_WORDS = Duration.ofMillis(500);

    private McpToolsFetcher() {
    }

    /**
     * @param timeout the bound on the whole exchange, start to last page (not counting the close)
     * @throws McpFetchException naming the server and what failed: it could not be started, it exited (with its code
     *                           and last stderr lines), it timed out, it answered an HTTP status or a JSON-RPC error
     */
    public static LiveToolsList fetch(McpServer server, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        ObjectMapper json = new ObjectMapper();
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        Connection connection = switch (server) {
            case McpServer.Stdio stdio -> new StdioConnection(stdio, mapper);
            case McpServer.Http http -> new HttpConnection(http, mapper, timeout);
        };
        RecordingTransport transport = new RecordingTransport(connection.transport());
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(CLIENT)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .jsonSchemaValidator(new OutputSchemaCheck(json))
                .build();
        AtomicReference<String> step = new AtomicReference<>("initialize");
        CompletableFuture<LiveToolsList> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("mcp-tools-list").start(() -> {
            try {
                answer.complete(read(client, transport, server, step, json));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            return await(answer, connection, server, step, timeout);
        } finally {
            connection.close(client);
        }
    }

    /** The tools as the server sent them (the raw pages), checked against what the SDK read of them. */
    private static LiveToolsList read(McpSyncClient client, RecordingTransport transport, McpServer server, AtomicReference<String> step,
                                      ObjectMapper json) {
        McpSchema.InitializeResult init = client.initialize();
        List<McpSchema.Tool> tools = ToolPages.all((cursor, page) -> client.listTools(cursor, Map.of(RecordingTransport.PAGE, page)), step::set);
        ObjectNode list = json.createObjectNode();
        if (init.serverInfo() != null) list.set("serverInfo", json.valueToTree(init.serverInfo()));
        if (init.instructions() != null && !init.instructions().isBlank()) list.put("instructions", init.instructions());
        ArrayNode array = list.putArray("tools");
        for (Object page : transport.toolsListPages()) array.addAll((ArrayNode) json.valueToTree(page).withArray("tools"));
        if (array.size() != tools.size()) {
            throw new IllegalStateException("tools/list: " + tools.size() + " tools read, but " + array.size() + " in the responses kept");
        }
        String name = init.serverInfo() != null && init.serverInfo().name() != null && !init.serverInfo().name().isBlank()
                ? init.serverInfo().name() : server.source();
        return new LiveToolsList(server.source(), name, list);
    }

    private static LiveToolsList await(CompletableFuture<LiveToolsList> answer, Connection connection, McpServer server,
                                       AtomicReference<String> step, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return answer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable failure = e.getCause();
                if (Failures.timedOut(failure)) throw timedOut(server, step.get(), timeout);
                throw new McpFetchException(name(server) + " " + connection.explain(step.get(), failure));
            } catch (TimeoutException e) {
                Optional<String> ended = connection.ended(step.get(), Duration.ZERO);
                if (ended.isPresent()) {
                    try {
                        return answer.get(LAST_WORDS.toMillis(), TimeUnit.MILLISECONDS); // it may have answered before it went
                    } catch (ExecutionException | TimeoutException notAnswered) {
                        throw new McpFetchException(name(server) + " " + connection.ended(step.get(), Duration.ZERO).orElseThrow());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new McpFetchException(name(server) + " interrupted during " + step.get());
                    }
                }
                if (System.nanoTime() - deadline >= 0) throw timedOut(server, step.get(), timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpFetchException(name(server) + " interrupted during " + step.get());
            }
        }
    }

    private static McpFetchException timedOut(McpServer server, String step, Duration timeout) {
        return new McpFetchException(name(server) + " timed out after " + timeout.toSeconds() + " s waiting for " + step + " (--timeout-seconds)");
    }

    private static String name(McpServer server) {
        return "MCP server \"" + server.source() + "\"";
    }
}
