package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ollama provider (LangChain4j's native Ollama client, /api/chat) against a loopback server speaking that protocol. */
class OllamaRunTest {
    @TempDir
    Path tmp;

    @Test
    void should_run_episodes_through_the_native_ollama_protocol() throws Exception {
        try (FakeOllamaServer server = FakeOllamaServer.start()) {
            server.respondWith(request -> {
                long assistant = 0;
                for (JsonNode message : request.json().get("messages")) if (message.get("role").asText().equals("assistant")) assistant++;
                if (assistant == 0) return OllamaReply.toolCalls(ToolCallSpec.withoutId("list_all_product_types", "{}")).thinking("Look up the catalog.").usage(40, 8);
                return OllamaReply.text("Is there anything else I can help you with?").usage(50, 9);
            });
            String yaml = """
                    runId: ollama-loopback
                    domain: retail
                    tasks: 2
                    output: %s
                    agent: {provider: ollama, model: qwen3:8b, baseUrl: %s, returnThinking: true}
                    """.formatted(tmp.resolve("out"), server.baseUrl());
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, yaml), Map.of());
            assertEquals(2, report.export().episodes());
            assertEquals(0, report.export().infraFailed());
            assertTrue(server.requests().stream().allMatch(r -> r.path().equals("/api/chat") && r.protocol().equals("HTTP/1.1")));
            boolean toolResultSent = false;
            for (RecordedRequest request : server.requests()) {
                for (JsonNode message : request.json().get("messages")) {
                    toolResultSent |= message.get("role").asText().equals("tool") && message.get("content").asText().contains("T-Shirt");
                }
            }
            assertTrue(toolResultSent, "the catalog went back to the model as a tool message");
        }
    }
}
