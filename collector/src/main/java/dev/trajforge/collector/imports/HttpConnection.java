package dev.trajforge.collector.imports;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server answering MCP's streamable HTTP, with the SDK's transport on the JDK's HTTP client. */
final class HttpConnection implements Connection {
    private static final Duration POLITE = Duration.ofSeconds(3);
    /** How the SDK's transport words a status it did not expect ({@code Server Not Found. Status code:404, ...}). */
    private static final Pattern STATUS = Pattern.compile("(?i)status(?: code)?\\s*[:=]?\\s*(\\d{3})\\b");

    private final McpClientTransport transport;

    HttpConnection(McpServer.Http server, McpJsonMapper json, Duration timeout) {
        this.transport = HttpClientStreamableHttpTransport.builder(server.base())
                .endpoint(server.endpoint())
                .jsonMapper(json)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public McpClientTransport transport() {
        return transport;
    }

    @Override
    public Optional<String> ended(String step, Duration wait) {
        return Optional.empty();
    }

    @Override
    public String explain(String step, Throwable failure) {
        return step + " failed: " + reason(failure);
    }

    private static String reason(Throwable failure) {
        for (Throwable cause : Failures.chain(failure)) {
            if (cause instanceof ConnectException) return "nothing answers there (connection refused)";
            if (cause instanceof HttpConnectTimeoutException) return "the connection timed out";
            Matcher status = STATUS.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            if (status.find()) return "it answered HTTP status " + status.group(1);
        }
        return Failures.describe(failure);
    }

    @Override
    public void close(McpSyncClient client) {
        Closing.within(client::closeGracefully, POLITE);
        client.close();
    }
}
