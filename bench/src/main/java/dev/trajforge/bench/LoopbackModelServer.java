package dev.trajforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.World;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A model server on loopback for the HTTP benchmarks: OpenAI-compatible {@code POST /v1/chat/completions} and the
 * Anthropic messages API {@code POST /v1/messages}, non-streaming, on the JDK's {@link HttpServer} with a virtual
 * thread per exchange, answering with {@link ScriptedRoles} after a configurable latency (a virtual-thread sleep).
 * Usage is estimated from the request (characters / 4) with the cached part from {@link PromptCache}: OpenAI's
 * {@code prompt_tokens_details.cached_tokens}, Anthropic's {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens} ({@code input_tokens} then counts only the rest, as Anthropic reports it).
 *
 * <p>{@code GET /bench/stats} reports the server's own process CPU time, calls and tokens by role, and the mean
 * prompt of the k-th agent call, so that the client's figures never include the server. {@code GET
 * /bench/latency?ms=N} changes the latency (a warm-up runs without it), {@code GET /bench/clear-cache} empties the prompt cache. Run in its own JVM by {@link #main}
 * ({@code Benchmarks serve}), which prints {@code port=N} and serves until its standard input closes.
 */
final class LoopbackModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** agent calls tracked by position in the conversation (the k-th agent call, k = 1..MAX_K) */
    static final int MAX_K = 40;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScriptedRoles roles;
    private final PromptCache cache;
    private volatile Duration latency;
    private final Map<ScriptedRoles.Role, RoleStats> stats = new EnumMap<>(ScriptedRoles.Role.class);
    private final LongAdder[] kthCalls = new LongAdder[MAX_K + 1];
    private final LongAdder[] kthPrompt = new LongAdder[MAX_K + 1];
    private final LongAdder[] kthCached = new LongAdder[MAX_K + 1];
    private final LongAdder errors = new LongAdder();
    private final AtomicLong ids = new AtomicLong();

    /** Calls and tokens of one role. */
    private static final class RoleStats {
        final LongAdder calls = new LongAdder();
        final LongAdder prompt = new LongAdder();
        final LongAdder cached = new LongAdder();
        final LongAdder created = new LongAdder();
        final LongAdder completion = new LongAdder();
    }

    private LoopbackModelServer(ScriptedRoles roles, PromptCache cache, Duration latency) throws IOException {
        this.roles = roles;
        this.cache = cache;
        this.latency = latency;
        for (ScriptedRoles.Role role : ScriptedRoles.Role.values()) stats.put(role, new RoleStats());
        for (int k = 0; k <= MAX_K; k++) {
            kthCalls[k] = new LongAdder();
            kthPrompt[k] = new LongAdder();
            kthCached[k] = new LongAdder();
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> serve(exchange, false));
        server.createContext("/v1/messages", exchange -> serve(exchange, true));
        server.createContext("/bench/stats", exchange -> respond(exchange, 200, stats().toString()));
        server.createContext("/bench/latency", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            this.latency = Duration.ofMillis(Long.parseLong(query.substring(query.indexOf('=') + 1)));
            respond(exchange, 200, "{\"latency_ms\":" + this.latency.toMillis() + "}");
        });
        server.createContext("/bench/clear-cache", exchange -> {
            cache.clear();
            respond(exchange, 200, "{}");
        });
        server.start();
    }

    static LoopbackModelServer start(ScriptedRoles roles, PromptCache cache, Duration latency) throws IOException {
        return new LoopbackModelServer(roles, cache, latency);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void serve(HttpExchange exchange, boolean anthropic) throws IOException {
        try (exchange) {
            String reply = answer(exchange, anthropic);
            Duration wait = latency;
            if (!wait.isZero()) Thread.sleep(wait); // a virtual thread: parks, frees its carrier
            respond(exchange, 200, reply);
        } catch (Exception e) {
            errors.increment();
            try {
                respond(exchange, 500, "{\"error\":{\"message\":" + JSON.writeValueAsString(String.valueOf(e)) + "}}");
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    /**
     * Reads the request and answers it, counted. Only the reply's text outlives this method: a thousand requests wait
     * out their latency at once, and their parsed bodies and prompts would be live data every collection copies.
     */
    private String answer(HttpExchange exchange, boolean anthropic) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        }
        ModelRequest request = anthropic ? ModelRequest.anthropic(body) : ModelRequest.openAi(body);
        ScriptedRoles.Answer answer = roles.answer(request);
        PromptCache.Hit hit = anthropic ? cache.anthropic(request.prompt(), request.breakpoints()) : cache.automatic(request.prompt());
        long completion = PromptCache.tokens(completionChars(answer));
        count(answer.role(), request, hit, completion);
        String model = body.path("model").asText("bench");
        return anthropic ? anthropicReply(model, answer, hit, completion) : openAiReply(model, answer, hit, completion);
    }

    private void count(ScriptedRoles.Role role, ModelRequest request, PromptCache.Hit hit, long completion) {
        RoleStats s = stats.get(role);
        s.calls.increment();
        s.prompt.add(hit.promptTokens());
        s.cached.add(hit.cachedTokens());
        s.created.add(hit.createdTokens());
        s.completion.add(completion);
        if (role == ScriptedRoles.Role.AGENT) {
            int k = 1 + (int) request.messages().stream().filter(m -> m instanceof dev.langchain4j.data.message.AiMessage).count();
            if (k <= MAX_K) {
                kthCalls[k].increment();
                kthPrompt[k].add(hit.promptTokens());
                kthCached[k].add(hit.cachedTokens());
            }
        }
    }

    private static long completionChars(ScriptedRoles.Answer answer) {
        long chars = answer.text() == null ? 0 : answer.text().length();
        for (ToolExecutionRequest call : answer.calls()) chars += call.name().length() + call.arguments().length();
        return chars;
    }

    private String openAiReply(String model, ScriptedRoles.Answer answer, PromptCache.Hit hit, long completion) {
        ObjectNode reply = JSON.createObjectNode().put("id", "chatcmpl-" + ids.incrementAndGet()).put("object", "chat.completion")
                .put("created", 0).put("model", model);
        ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (answer.text() == null) message.putNull("content");
        else message.put("content", answer.text());
        if (!answer.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolExecutionRequest call : answer.calls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.put("finish_reason", answer.calls().isEmpty() ? "stop" : "tool_calls");
        ObjectNode usage = reply.putObject("usage").put("prompt_tokens", hit.promptTokens()).put("completion_tokens", completion)
                .put("total_tokens", hit.promptTokens() + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", hit.cachedTokens());
        return reply.toString();
    }

    private String anthropicReply(String model, ScriptedRoles.Answer answer, PromptCache.Hit hit, long completion) throws IOException {
        ObjectNode reply = JSON.createObjectNode().put("id", "msg_" + ids.incrementAndGet()).put("type", "message").put("role", "assistant")
                .put("model", model);
        ArrayNode content = reply.putArray("content");
        if (answer.text() != null && !answer.text().isEmpty()) content.addObject().put("type", "text").put("text", answer.text());
        for (ToolExecutionRequest call : answer.calls()) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name()).set("input", JSON.readTree(call.arguments()));
        }
        reply.put("stop_reason", answer.calls().isEmpty() ? "end_turn" : "tool_use").putNull("stop_sequence");
        reply.putObject("usage").put("input_tokens", hit.promptTokens() - hit.cachedTokens() - hit.createdTokens())
                .put("output_tokens", completion)
                .put("cache_read_input_tokens", hit.cachedTokens())
                .put("cache_creation_input_tokens", hit.createdTokens());
        return reply.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The server's own CPU time (whole process: handlers, HTTP, GC, JIT), calls and tokens by role, the k-th agent calls. */
    ObjectNode stats() {
        ObjectNode out = JSON.createObjectNode()
                .put("cpu_ns", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime())
                .put("errors", errors.sum());
        ObjectNode byRole = out.putObject("roles");
        stats.forEach((role, s) -> byRole.putObject(role.name().toLowerCase(java.util.Locale.ROOT))
                .put("calls", s.calls.sum()).put("prompt_tokens", s.prompt.sum()).put("cached_tokens", s.cached.sum())
                .put("cache_creation_tokens", s.created.sum()).put("completion_tokens", s.completion.sum()));
        ArrayNode kth = out.putArray("agent_kth");
        for (int k = 1; k <= MAX_K; k++) {
            kth.addObject().put("k", k).put("calls", kthCalls[k].sum()).put("prompt_tokens", kthPrompt[k].sum()).put("cached_tokens", kthCached[k].sum());
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    /**
     * {@code Benchmarks serve config=FILE tasks=N trials=T latencyMs=L cacheShare=S}: the run's world and tasks (the
     * config's domain and seed with those counts), served until standard input closes; prints {@code port=N}.
     */
    static void main(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 5000);
        int trials = options.integer("trials", 2);
        RunConfig run = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials)).config();
        List<Path> packs = run.domainPaths().stream().map(Path::of).toList();
        World world = Domains.byName(run.domain(), packs).orElseThrow(() -> new IllegalArgumentException("no domain " + run.domain())).world(run.seed());
        ScriptedRoles roles = new ScriptedRoles(world, world.tasks(tasks), trials, run.seed());
        double share = Double.parseDouble(options.text("cacheShare", "1.0"));
        try (LoopbackModelServer server = start(roles, new PromptCache(share), Duration.ofMillis(options.integer("latencyMs", 0)))) {
            System.out.println("port=" + server.server.getAddress().getPort());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream()); // until the benchmark that started us closes our input (or dies)
        }
    }
}
