package dev.trajforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP path of a run measured end to end: {@link CollectionRun} with model roles {@code provider: openai} (the
 * agent optionally {@code anthropic}) pointed at a {@link LoopbackModelServer} running in a JVM of its own, so this
 * JVM's process CPU is the client's alone; the server's CPU is read from the server. The API key comes from the
 * environment variable {@code apiKeyEnv} names (bench/run sets it), as a real run reads it.
 *
 * <p>{@code mode=cpu}: the client's CPU per model call at steady state. The roles named by {@code http} (agent, user,
 * judge, or all) call the server; the others are scripted in-process (the agent without deliberate errors, as the
 * server's). One warm-up run of each, then the same config with every role scripted (no LLM judge) and the HTTP
 * config, each measured over the window from 20% to 90% of its episodes: process CPU / HTTP calls in the window is the
 * raw figure; minus the all-scripted run's CPU per episode it is what the HTTP path itself costs per call.
 *
 * <p>{@code mode=latency}: concurrency efficiency through HTTP, as {@link LatencyBenchmark} defines it: ideal =
 * concurrency / (HTTP calls per episode x latency), measured over the steady state (after the first 2 x concurrency
 * episodes, before the last concurrency). Both modes report tokens by role from the server (estimated as
 * characters / 4, cached as its {@link PromptCache} finds them) per episode and per accepted trajectory, and the
 * mean prompt of the k-th agent call.
 */
final class HttpBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROLES = List.of("agent", "user", "judge");

    private HttpBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        String mode = options.text("mode", "cpu");
        boolean latencyMode = mode.equals("latency");
        Set<String> http = roles(options.text("http", latencyMode ? "all" : "agent"));
        String agentProvider = options.text("agentProvider", "openai");
        int tasks = options.integer("tasks", latencyMode ? 10000 : 3000);
        int trials = options.integer("trials", 1); // one trial: the scripted roles play a task the same way each time (dedup, judge cache)
        int concurrency = options.integer("concurrency", latencyMode ? 1000 : 16);
        int latencyMs = options.integer("latencyMs", latencyMode ? 250 : 0);
        int warmupTasks = options.integer("warmupTasks", 1000);
        String keyEnv = options.text("apiKeyEnv", "TRAJFORGE_BENCH_API_KEY");
        if (System.getenv(keyEnv) == null || System.getenv(keyEnv).isBlank()) {
            throw new IllegalStateException("set the environment variable " + keyEnv + " (any value: the loopback server's key) before running this scenario");
        }
        RunConfig base = ConfigLoader.load(config, List.of()).config();
        Path tmp = Benchmarks.tempDir("http");
        try (ServerProcess server = ServerProcess.start(config, Math.max(tasks, warmupTasks), trials, tmp.resolve("server.log"))) {
            Spec spec = new Spec(base, http, agentProvider, server.baseUrl, keyEnv);
            long total = (long) tasks * trials;
            System.err.println("bench http: warm-up (" + (long) warmupTasks * trials + " episodes each, all-scripted and over HTTP, no latency)");
            boolean baseline = !latencyMode && !options.text("baseline", "true").equals("false"); // false: only the HTTP runs (for a profile)
            if (baseline) measure(spec.yaml(warmupTasks, trials, concurrency, tmp.resolve("warmup-offline"), false), tmp, null, 0, 0);
            measure(spec.yaml(warmupTasks, trials, concurrency, tmp.resolve("warmup-http"), true), tmp, server, 0, 0);
            server.clearCache();
            Benchmarks.Result result = new Benchmarks.Result("http")
                    .put("mode", mode)
                    .put("config", config + " (domain " + base.domain() + ", seed " + base.seed() + ") with tasks=" + tasks + ", trials=" + trials
                            + ", concurrency=" + concurrency)
                    .put("http_roles", String.join(",", http))
                    .put("agent_provider", http.contains("agent") ? agentProvider : "scripted")
                    .put("episodes", total)
                    .put("concurrency", concurrency)
                    .put("latency_ms", latencyMs);
            if (latencyMode) {
                server.latency(latencyMs);
                int from = 2 * concurrency;
                int to = (int) total - concurrency;
                System.err.println("bench http: " + total + " episodes, " + concurrency + " in flight, " + latencyMs + " ms per call");
                Measured run = measure(spec.yaml(tasks, trials, concurrency, tmp.resolve("run"), true), tmp, server, from, to);
                double callsPerEpisode = run.calls(http) / (double) total;
                double ideal = concurrency / (callsPerEpisode * latencyMs / 1000.0);
                long[] finished = run.finished.clone();
                Arrays.sort(finished);
                double steady = (to - from) / ((finished[to - 1] - finished[from - 1]) / 1e9);
                result.put("calls_per_episode", callsPerEpisode)
                        .put("ideal_episodes_per_s", ideal)
                        .put("steady_episodes_per_s", steady)
                        .put("efficiency_percent", 100 * steady / ideal)
                        .put("whole_run_episodes_per_s", total / run.seconds)
                        .put("whole_run_efficiency_percent", 100 * total / run.seconds / ideal)
                        .put("seconds", run.seconds)
                        .put("window_client_cores", run.windowCpuSeconds / run.windowSeconds)
                        .put("window_server_cores", run.windowServerCpuSeconds() / run.windowSeconds)
                        .put("client_cpu_ms_per_call", 1000 * run.windowCpuSeconds / run.windowCalls(http))
                        .put("server_cpu_ms_per_call", 1000 * run.windowServerCpuSeconds() / run.windowCalls(http));
                run.tokens(result);
            } else {
                int from = (int) (total / 5);
                int to = (int) (total * 9 / 10);
                System.err.println("bench http: all-scripted run, " + total + " episodes");
                Measured offline = baseline ? measure(spec.yaml(tasks, trials, concurrency, tmp.resolve("offline"), false), tmp, null, from, to)
                        : new Measured(null, (int) total, from, to);
                System.err.println("bench http: over HTTP (" + String.join(",", http) + "), " + total + " episodes");
                Measured run = measure(spec.yaml(tasks, trials, concurrency, tmp.resolve("run"), true), tmp, server, from, to);
                double offlinePerEpisode = offline.windowCpuSeconds / (to - from);
                double calls = run.windowCalls(http);
                result.put("offline_accepted", offline.accepted)
                        .put("window_episodes", to - from)
                        .put("window_http_calls", (long) calls)
                        .put("offline_cpu_ms_per_episode", 1000 * offlinePerEpisode)
                        .put("http_cpu_ms_per_episode", 1000 * run.windowCpuSeconds / (to - from))
                        .put("client_cpu_ms_per_call", 1000 * run.windowCpuSeconds / calls)
                        .put("client_cpu_ms_per_call_net", 1000 * (run.windowCpuSeconds - offlinePerEpisode * (to - from)) / calls)
                        .put("server_cpu_ms_per_call", 1000 * run.windowServerCpuSeconds() / calls)
                        .put("episodes_per_s", (to - from) / run.windowSeconds)
                        .put("offline_episodes_per_s", (to - from) / offline.windowSeconds)
                        .put("window_client_cores", run.windowCpuSeconds / run.windowSeconds)
                        .put("window_server_cores", run.windowServerCpuSeconds() / run.windowSeconds)
                        .put("seconds", run.seconds);
                for (String role : ROLES) result.put("window_calls_" + role, run.windowRoleCalls(role));
                run.tokens(result);
            }
            result.put("others_cpu_percent", Double.NaN);
            return result;
        } finally {
            if (options.text("keep", "false").equals("true")) System.err.println("bench http: kept " + tmp);
            else Benchmarks.deleteTree(tmp);
        }
    }

    private static Set<String> roles(String spec) {
        if (spec.equals("all")) return new LinkedHashSet<>(ROLES);
        Set<String> roles = new LinkedHashSet<>(Arrays.asList(spec.split(",")));
        for (String role : roles) if (!ROLES.contains(role)) throw new IllegalArgumentException("http: unknown role " + role + " (agent, user, judge, all)");
        return roles;
    }

    /** One run through CollectionRun, with process CPU and the server's figures read at two episodes' ends. */
    private static Measured measure(String yaml, Path tmp, ServerProcess server, int from, int to) throws Exception {
        Path file = Files.createTempFile(tmp, "run", ".yaml");
        Files.writeString(file, yaml);
        LoadedConfig loaded = ConfigLoader.load(file, List.of());
        Measured measured = new Measured(server, (int) loaded.config().episodes(), from, to);
        JsonNode before = server == null ? null : server.stats();
        long started = System.nanoTime();
        RunReport report = new CollectionRun(loaded, Clock.systemUTC(), measured).execute();
        measured.seconds = (System.nanoTime() - started) / 1e9;
        measured.accepted = report.export().accepted();
        measured.whole = server == null ? null : new JsonNode[]{before, server.stats()};
        if (server != null && measured.whole[1].path("errors").asLong() > measured.whole[0].path("errors").asLong()) {
            System.err.println("bench http: the server answered " + (measured.whole[1].path("errors").asLong() - measured.whole[0].path("errors").asLong())
                    + " requests with an error (see its log)");
        }
        return measured;
    }

    /** What one run measured: episode end times, CPU and server figures over the window, totals over the run. */
    private static final class Measured implements ProgressListener {
        private final ServerProcess server;
        private final int from;
        private final int to;
        final long[] finished;
        double seconds;
        long accepted;
        private long fromCpu;
        private long fromNanos;
        private JsonNode fromStats;
        double windowCpuSeconds;
        double windowSeconds;
        private JsonNode toStats;
        JsonNode[] whole;

        Measured(ServerProcess server, int episodes, int from, int to) {
            this.server = server;
            this.finished = new long[episodes];
            this.from = from;
            this.to = to;
        }

        @Override
        public void episodeDone(long done, long total, long acceptedSoFar, double costUsd) {
            finished[(int) done - 1] = System.nanoTime();
            if (done == from) {
                fromStats = server == null ? null : server.stats();
                fromNanos = System.nanoTime();
                fromCpu = processCpuNanos();
            } else if (done == to) {
                windowCpuSeconds = (processCpuNanos() - fromCpu) / 1e9;
                windowSeconds = (System.nanoTime() - fromNanos) / 1e9;
                toStats = server == null ? null : server.stats();
            }
        }

        double windowServerCpuSeconds() {
            return (toStats.path("cpu_ns").asLong() - fromStats.path("cpu_ns").asLong()) / 1e9;
        }

        long windowRoleCalls(String role) {
            return toStats.path("roles").path(role).path("calls").asLong() - fromStats.path("roles").path(role).path("calls").asLong();
        }

        double windowCalls(Set<String> roles) {
            long calls = 0;
            for (String role : roles) calls += windowRoleCalls(role);
            return calls;
        }

        long calls(Set<String> roles) {
            long calls = 0;
            for (String role : roles) calls += delta("roles", role, "calls");
            return calls;
        }

        private long delta(String... path) {
            JsonNode a = whole[0];
            JsonNode b = whole[1];
            for (String key : path) {
                a = a.path(key);
                b = b.path(key);
            }
            return b.asLong() - a.asLong();
        }

        /** Tokens by role over the whole run, per episode and per accepted trajectory; the k-th agent call's mean prompt. */
        void tokens(Benchmarks.Result result) {
            int episodes = finished.length;
            result.put("accepted", accepted);
            for (String role : ROLES) {
                long calls = delta("roles", role, "calls");
                if (calls == 0) continue;
                for (String kind : List.of("prompt_tokens", "cached_tokens", "cache_creation_tokens", "completion_tokens")) {
                    long sum = delta("roles", role, kind);
                    result.put("tokens_" + role + "_" + kind + "_per_episode", (double) sum / episodes);
                    result.put("tokens_" + role + "_" + kind + "_per_accepted", accepted == 0 ? Double.NaN : (double) sum / accepted);
                }
                result.put("tokens_" + role + "_calls_per_episode", (double) calls / episodes);
            }
            List<String> prompt = new ArrayList<>();
            List<String> cached = new ArrayList<>();
            List<String> calls = new ArrayList<>();
            for (int k = 0; k < LoopbackModelServer.MAX_K; k++) {
                long n = whole[1].path("agent_kth").path(k).path("calls").asLong() - whole[0].path("agent_kth").path(k).path("calls").asLong();
                if (n == 0) break;
                long p = whole[1].path("agent_kth").path(k).path("prompt_tokens").asLong() - whole[0].path("agent_kth").path(k).path("prompt_tokens").asLong();
                long c = whole[1].path("agent_kth").path(k).path("cached_tokens").asLong() - whole[0].path("agent_kth").path(k).path("cached_tokens").asLong();
                prompt.add(String.format(Locale.ROOT, "%.0f", (double) p / n));
                cached.add(String.format(Locale.ROOT, "%.0f", (double) c / n));
                calls.add(Long.toString(n));
            }
            if (!prompt.isEmpty()) {
                result.put("agent_kth_prompt_tokens", String.join(" ", prompt))
                        .put("agent_kth_cached_tokens", String.join(" ", cached))
                        .put("agent_kth_calls", String.join(" ", calls));
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The run configs: the base config's domain and seed, the HTTP roles pointed at the server, the others scripted. */
    private record Spec(RunConfig base, Set<String> http, String agentProvider, String baseUrl, String keyEnv) {
        String yaml(int tasks, int trials, int concurrency, Path out, boolean overHttp) {
            StringBuilder yaml = new StringBuilder()
                    .append("runId: bench-http\n")
                    .append("seed: ").append(base.seed()).append('\n')
                    .append("domain: ").append(base.domain()).append('\n')
                    .append("tasks: ").append(tasks).append('\n')
                    .append("trials: ").append(trials).append('\n')
                    .append("maxTurns: 30\n")
                    .append("concurrency: ").append(concurrency).append('\n')
                    .append("output: ").append(out.resolve("data")).append('\n');
            if (overHttp && http.contains("agent")) yaml.append(model("agent", agentProvider, 1024));
            else yaml.append("agent:\n  provider: scripted\n  model: oracle-agent\n  errors: {wrongArgument: 0, skipStep: 0, noConfirmation: 0, endEarly: 0}\n");
            if (overHttp && http.contains("user")) yaml.append(model("user", "openai", 512));
            else yaml.append("user:\n  provider: scripted\n  model: persona-user\n");
            if (overHttp && http.contains("judge")) {
                yaml.append(model("judge", "openai", 2048)).append("judging:\n  threshold: 0.8\n  votes: 1\n  auditFraction: 0.0\n");
            }
            return yaml.toString();
        }

        private String model(String role, String provider, int maxTokens) {
            return role + ":\n  provider: " + provider + "\n  model: bench-" + role + "\n  baseUrl: " + baseUrl + "\n  apiKeyEnv: " + keyEnv
                    + "\n  temperature: 0.0\n  maxTokens: " + maxTokens + "\n  timeoutSeconds: 600\n  maxConcurrency: 4096\n";
        }
    }

    /** The loopback server in a JVM of its own (so the two processes' CPU never mix), stopped by closing its input. */
    private static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String root;
        final String baseUrl;

        private ServerProcess(Process process, int port) {
            this.process = process;
            this.root = "http://127.0.0.1:" + port;
            this.baseUrl = root + "/v1";
        }

        static ServerProcess start(Path config, int tasks, int trials, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseParallelGC", "-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.maxIdleConnections=8192",
                    "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName(), "serve",
                    "config=" + config, "tasks=" + tasks, "trials=" + trials));
            if (Runtime.version().feature() >= 24) command.add(1, "--sun-misc-unsafe-memory-access=allow");
            String extra = System.getenv("TRAJFORGE_BENCH_SERVER_JVM_OPTS"); // e.g. a flight recording of the server alone
            if (extra != null && !extra.isBlank()) command.addAll(1, List.of(extra.trim().split("\\s+")));
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("port=")) {
                // the server prints its port first
            }
            if (line == null) {
                process.destroy();
                throw new IllegalStateException("the loopback server did not start: " + Files.readString(log));
            }
            return new ServerProcess(process, Integer.parseInt(line.substring(5).strip()));
        }

        JsonNode stats() {
            return get("/bench/stats");
        }

        void clearCache() {
            get("/bench/clear-cache");
        }

        void latency(int ms) {
            get("/bench/latency?ms=" + ms);
        }

        private JsonNode get(String path) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroy();
        }
    }
}
