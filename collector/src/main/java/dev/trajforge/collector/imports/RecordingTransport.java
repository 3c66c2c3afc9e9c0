package dev.trajforge.collector.imports;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transport that keeps the raw result of every {@code tools/list} response, as the server sent it, before the SDK
 * reads it into its records (which drop the fields they do not know, such as a tool's {@code execution}). Everything
 * else passes through unchanged.
 */
final class RecordingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final List<Object> pages = new ArrayList<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The raw results of the {@code tools/list} responses so far, in the order they came. */
    synchronized List<Object> toolsListPages() {
        return List.copyOf(pages);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(inbound -> handler.apply(inbound.doOnNext(this::keep)));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_TOOLS_LIST.equals(request.method())) {
            asked.add(String.valueOf(request.id()));
        }
        return delegate.sendMessage(message);
    }

    private void keep(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.result() != null && asked.remove(String.valueOf(response.id()))) {
            synchronized (this) {
                pages.add(response.result());
            }
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }
}
