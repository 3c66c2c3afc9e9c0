package dev.trajforge.collector.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scriptable HTTP server on 127.0.0.1 that speaks one LLM provider's protocol, so real provider
 * clients can be tested over real HTTP without a hosted model.
 *
 * <p>Every request is recorded. A request to the provider's chat path is answered by the next
 * {@linkplain #enqueue enqueued} reply; once the queue is empty, by the {@linkplain #respondWith
 * responder}, which by default answers 500 with a body that says nothing was enqueued. Requests the
 * real provider would reject (wrong path or method, a body that is not JSON, missing required
 * fields, streaming) get the provider's error shape and do not consume a reply.
 *
 * <p>Requests are served concurrently, each on its own virtual thread.
 */
public abstract sealed class FakeProviderServer implements AutoCloseable
        permits FakeOpenAiServer, FakeAnthropicServer, FakeOllamaServer {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress LOOPBACK = loopback();

    private final Set<String> chatPaths;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private Function<RecordedRequest, Reply> responder = this::nothingEnqueued;
    private String requiredApiKey;

    FakeProviderServer(Set<String> chatPaths) {
        this.chatPaths = Set.copyOf(chatPaths);
        try {
            this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for " + getClass().getSimpleName(), e);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL a client's {@code baseUrl(..)} takes, such as {@code http://127.0.0.1:PORT/v1}. */
    public abstract String baseUrl();

    /** {@code http://127.0.0.1:PORT}, without any path. */
    public final String origin() {
        return "http://127.0.0.1:" + port();
    }

    public final int port() {
        return server.getAddress().getPort();
    }

    /** Replies for the next requests to the chat path, served in order. */
    public final void enqueue(Reply... replies) {
        for (Reply reply : replies) Objects.requireNonNull(reply, "reply");
        synchronized (queue) {
            queue.addAll(Arrays.asList(replies));
        }
    }

    /** Answers chat requests once the queue is empty; it may block, the server stays concurrent. */
    public final void respondWith(Function<RecordedRequest, Reply> responder) {
        Objects.requireNonNull(responder, "responder");
        synchronized (queue) {
            this.responder = responder;
        }
    }

    /** The same reply for every chat request once the queue is empty. */
    public final void whenEmpty(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        respondWith(request -> reply);
    }

    /**
     * From now on, answer 401 in the provider's error shape unless the request carries this API key
     * where the provider expects it. Off by default: any key, or none, is accepted.
     */
    public final void requireApiKey(String apiKey) {
        synchronized (queue) {
            this.requiredApiKey = apiKey;
        }
    }

    /** Enqueued replies not yet served. */
    public final int pendingReplies() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Every request received so far, in arrival order, whatever it was answered. */
    public final List<RecordedRequest> requests() {
        return requests.stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList();
    }

    public final int requestCount() {
        return requests.size();
    }

    /** The latest request; fails when there was none. */
    public final RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) throw new AssertionError(getClass().getSimpleName() + " received no request");
        return all.getLast();
    }

    @Override
    public final void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A JSON error body in the provider's shape. */
    abstract String errorBody(String type, String message);

    /** The API key the request carries where this provider expects it. */
    abstract Optional<String> apiKey(RecordedRequest request);

    /**
     * Why the real provider would refuse this well-routed request, as the error reply it would send;
     * empty when the request is acceptable.
     */
    abstract Optional<Reply> reject(RecordedRequest request);

    final Reply error(int status, String type, String message) {
        return Reply.status(status, errorBody(type, message));
    }

    /** Input and output token counts of a reply, and the input tokens the server says it read from its prompt cache. */
    record Tokens(int input, int output, int cached) {
        Tokens {
            if (input < 0 || output < 0 || cached < 0) throw new IllegalArgumentException("token counts must be >= 0, got " + input + "/" + output + "/" + cached);
        }

        Tokens(int input, int output) {
            this(input, output, 0);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + node, e);
        }
    }

    /** Parses JSON text, failing with the text in the message. */
    static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + json, e);
        }
    }

    private Reply nothingEnqueued(RecordedRequest request) {
        return error(500, "fake_server_error", getClass().getSimpleName() + ": no reply enqueued for request "
                + request + " (enqueue one, or set respondWith)");
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = record(exchange);
            Reply.Response response;
            try {
                response = choose(request).render(request);
            } catch (RuntimeException e) {
                response = Reply.Response.json(500, errorBody("fake_server_error",
                        getClass().getSimpleName() + " could not build the reply to " + request + ": " + e));
            }
            if (response.delay().isPositive()) Thread.sleep(response.delay());
            if (response.dropped()) return; // closing the exchange before any header closes the connection
            send(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: drop the exchange
        } catch (IOException e) {
            // the client went away (it timed out, or was closed): nothing to answer
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        int index = arrivals.getAndIncrement();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            json = MissingNode.getInstance();
        }
        RecordedRequest request = new RecordedRequest(index, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), exchange.getProtocol(),
                exchange.getRequestHeaders(), body, json);
        requests.add(request);
        return request;
    }

    private Reply choose(RecordedRequest request) {
        String name = getClass().getSimpleName();
        if (!chatPaths.contains(request.path())) {
            return error(404, "not_found_error", name + " has no route " + request.method() + " " + request.path()
                    + "; it serves POST " + String.join(", ", chatPaths.stream().sorted().toList()));
        }
        if (!request.method().equals("POST")) {
            return error(405, "invalid_request_error", name + ": " + request.path() + " takes POST, not " + request.method());
        }
        if (!request.isJson() || !request.json().isObject()) {
            return error(400, "invalid_request_error", name + ": the request body is not a JSON object: " + request.body());
        }
        Optional<Reply> rejection = reject(request);
        if (rejection.isPresent()) return rejection.get();
        Function<RecordedRequest, Reply> fallback;
        synchronized (queue) {
            if (requiredApiKey != null && !apiKey(request).filter(requiredApiKey::equals).isPresent()) {
                return error(401, "authentication_error", name + ": invalid or missing API key");
            }
            Reply next = queue.poll();
            if (next != null) return next;
            fallback = responder;
        }
        return Objects.requireNonNull(fallback.apply(request), "the responder returned no reply");
    }

    private static void send(HttpExchange exchange, Reply.Response response) throws IOException {
        byte[] body = response.bodyBytes();
        response.headers().forEach(exchange.getResponseHeaders()::set);
        // -1: no body, which the server announces as Content-Length: 0 (0 would mean chunked)
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
