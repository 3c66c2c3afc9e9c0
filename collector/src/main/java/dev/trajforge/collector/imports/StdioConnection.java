package dev.trajforge.collector.imports;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A server started as a child process with the SDK's stdio transport, in this process's environment. Its stderr is
 * drained into a {@link StderrTail} for the messages (by the SDK's reader, which stops once stdout has ended: a server
 * that writes its last lines as it exits may lose them); when it is done with, the process and every process it
 * started are ended, politely first.
 */
final class StdioConnection implements Connection {
    private static final Duration POLITE = Duration.ofSeconds(3);
    private static final Duration FORCED = Duration.ofSeconds(2);

    private final McpServer.Stdio server;
    private final StderrTail stderr = new StderrTail(12);
    private final WatchedTransport transport;

    StdioConnection(McpServer.Stdio server, McpJsonMapper json) {
        this.server = server;
        this.transport = new WatchedTransport(ServerParameters.builder(server.program()).args(server.arguments()).build(), json);
        transport.setStdErrorHandler(stderr::add);
    }

    @Override
    public McpClientTransport transport() {
        return transport;
    }

    @Override
    public Optional<String> ended(String step, Duration wait) {
        Throwable notStarted = transport.startFailure.get();
        if (notStarted != null) return Optional.of("could not be started: " + Failures.firstIoProblem(notStarted));
        Optional<Process> process = transport.process();
        if (process.isEmpty()) return Optional.empty();
        try {
            if (!process.get().waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        stderr.settle(Duration.ofMillis(100), Duration.ofSeconds(1));
        return Optional.of("exited with code " + process.get().exitValue() + " during " + step + "; " + stderr.describe());
    }

    @Override
    public String explain(String step, Throwable failure) {
        return ended(step, Duration.ofMillis(500))
                .orElseGet(() -> step + " failed: " + Failures.describe(failure) + "; " + stderr.describe());
    }

    @Override
    public void close(McpSyncClient client) {
        List<ProcessHandle> started = transport.process()
                .map(process -> Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList())
                .orElse(List.of());
        Closing.within(client::closeGracefully, POLITE);
        for (ProcessHandle process : started) process.destroy();
        Closing.awaitExit(started, POLITE);
        for (ProcessHandle process : started) process.destroyForcibly();
        Closing.awaitExit(started, FORCED);
        client.close();
    }

    @Override
    public String toString() {
        return "stdio " + server.source();
    }

    /**
     * The SDK's stdio transport, watched: a start that failed is kept (the client would otherwise only time out), and
     * its process is read (the SDK keeps it private) for the exit code and to end the processes it started.
     */
    private static final class WatchedTransport extends StdioClientTransport {
        private static final Field PROCESS = processField();

        private final AtomicReference<Throwable> startFailure = new AtomicReference<>();

        WatchedTransport(ServerParameters parameters, McpJsonMapper json) {
            super(parameters, json);
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return super.connect(handler).doOnError(startFailure::set);
        }

        Optional<Process> process() {
            try {
                return Optional.ofNullable((Process) PROCESS.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the MCP SDK's stdio process", e);
            }
        }

        private static Field processField() {
            for (Field field : StdioClientTransport.class.getDeclaredFields()) {
                if (field.getType() == Process.class) {
                    field.setAccessible(true);
                    return field;
                }
            }
            throw new IllegalStateException("the MCP SDK's StdioClientTransport has no Process field (SDK version changed?)");
        }
    }
}
