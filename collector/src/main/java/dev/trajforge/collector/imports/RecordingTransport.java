package dev.trajforge.collector.imports;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transport that keeps the raw result of the {@code tools/list} pages the importer asked for, as the server sent
 * them, before the SDK reads them into its records (which drop the fields they do not know, such as a tool's
 * {@code execution}). The importer's requests carry their page number in {@code _meta} under {@link #PAGE}; the SDK's
 * own (it lists the tools again when a server says they changed) are not kept. Everything passes through unchanged.
 */
final class RecordingTransport implements McpClientTransport {
    /** The {@code _meta} key of the page number on the importer's {@code tools/list} requests. */
    static final String PAGE = "dev.trajforge/page";

    private final McpClientTransport delegate;
    private final Map<String, Integer> asked = new ConcurrentHashMap<>();
    private final SortedMap<Integer, Object> pages = new TreeMap<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The raw results of the importer's {@code tools/list} pages answered so far, by page number. */
    synchronized List<Object> toolsListPages() {
        return List.copyOf(pages.values());
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(inbound -> handler.apply(inbound.doOnNext(this::keep)));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_TOOLS_LIST.equals(request.method())
                && request.params() instanceof McpSchema.PaginatedRequest paged && paged.meta() != null
                && paged.meta().get(PAGE) instanceof Integer page) {
            asked.put(String.valueOf(request.id()), page);
        }
        return delegate.sendMessage(message);
    }

    private void keep(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.result() != null) {
            Integer page = asked.remove(String.valueOf(response.id()));
            if (page == null) return;
            synchronized (this) {
                pages.put(page, response.result());
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
