package dev.trajforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent model behind the OpenAI protocol on 127.0.0.1, so that a run makes real model calls through the providers'
 * client, limiter and retries: it asks the user who they are, then whether there is anything else, every reply
 * reporting {@value #PROMPT_TOKENS} prompt and {@value #COMPLETION_TOKENS} completion tokens.
 */
final class LoopbackAgent implements AutoCloseable {
    static final int PROMPT_TOKENS = 100;
    static final int COMPLETION_TOKENS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong calls = new AtomicLong();

    private LoopbackAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    static LoopbackAgent start() throws IOException {
        return new LoopbackAgent();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests answered so far. */
    long calls() {
        return calls.get();
    }

    /**
     * The quickstart's run with this agent instead of the scripted one, priced at $1 per million prompt tokens and $2 per
     * million completion tokens; {@code extra} is appended to the config (more keys, such as a budget). This agent never
     * completes a task, so no episode is accepted: near-dedup is off, as the job's MinHashLSH cannot be fitted on no
     * episodes at all (DedupStage).
     */
    Path config(Path dir, int tasks, String extra) throws IOException {
        Path file = dir.resolve("loopback-" + tasks + ".yaml");
        Files.writeString(file, """
                runId: loopback
                seed: 7
                domain: retail
                tasks: %d
                trials: 2
                maxTurns: 6
                concurrency: 4
                validationFraction: 0.1
                output: %s
                agent: {provider: openai, model: loopback-agent, baseUrl: %s, maxConcurrency: 8, inputPricePerMillion: 1.0, outputPricePerMillion: 2.0}
                user: {provider: scripted, model: persona-user}
                export: {nearDuplicateThreshold: 1.0}
                %s
                """.formatted(tasks, dir.resolve("unused-output"), baseUrl(), extra));
        return file;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            long assistantTurns = 0;
            for (JsonNode message : request.path("messages")) if ("assistant".equals(message.path("role").asText())) assistantTurns++;
            String text = assistantTurns == 0 ? "I can help. Could you tell me your email, or your name and zip code?"
                    : "Is there anything else I can help you with?";
            ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-" + calls.incrementAndGet()).put("object", "chat.completion")
                    .put("created", 1_700_000_000L).put("model", request.path("model").asText());
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", text);
            body.putObject("usage").put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                    .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
