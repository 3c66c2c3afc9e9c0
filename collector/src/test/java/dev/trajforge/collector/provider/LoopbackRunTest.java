package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.run.RunAbortedException;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole runs with the real LangChain4j clients talking to loopback servers that speak the providers' protocols. */
class LoopbackRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String config(String agentBlock, int tasks, String extra) {
        return """
                runId: loopback
                seed: 3
                domain: retail
                tasks: %d
                trials: 1
                concurrency: 2
                keepRejected: true
                output: %s
                %s
                %s
                """.formatted(tasks, tmp.resolve("out"), agentBlock, extra);
    }

    private static String openAiAgent(FakeProviderServer server) {
        return "agent: {provider: openai, model: test-model, baseUrl: " + server.baseUrl()
                + ", apiKeyEnv: TEST_KEY, inputPricePerMillion: 1.0, outputPricePerMillion: 2.0}";
    }

    private JsonNode manifest() throws Exception {
        return JSON.readTree(tmp.resolve("out/manifest.json").toFile());
    }

    @Test
    void should_record_parallel_tool_calls_reasoning_and_raw_malformed_arguments_from_an_openai_compatible_server() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey("sk-loopback");
            server.respondWith(LoopbackRuns::openAiAgent);
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config(openAiAgent(server), 2, "")), Map.of("TEST_KEY", "sk-loopback"));
            assertEquals(2, report.export().episodes());
            assertEquals(0, report.export().infraFailed());

            // the request after the malformed call carried valid JSON upstream, while the trajectory keeps the raw string
            JsonNode sanitized = null;
            for (RecordedRequest request : server.requests()) {
                for (JsonNode message : LoopbackRuns.messages(request)) {
                    for (JsonNode call : message.path("tool_calls")) {
                        if (call.get("id").asText().equals("call_c")) sanitized = call.get("function").get("arguments");
                    }
                }
            }
            assertEquals("{}", sanitized.asText());
            assertEquals("HTTP/1.1", server.lastRequest().protocol());
            assertFalse(server.lastRequest().hasHeader("Upgrade"));

            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT to_json(messages), num_tool_errors, num_tool_calls, agent_model, prompt_tokens FROM read_parquet('"
                         + tmp.resolve("out/data").toAbsolutePath() + "/*.parquet') ORDER BY task_id")) {
                assertTrue(rs.next());
                JsonNode messages = JSON.readTree(rs.getString(1));
                assertEquals("openai/test-model", rs.getString(4));
                assertEquals(3, rs.getInt(3));
                assertTrue(rs.getInt(2) >= 2, "the unknown order and the malformed arguments are tool errors");
                assertEquals(1000, rs.getLong(5));
                JsonNode parallel = null;
                String raw = null;
                for (JsonNode message : messages) {
                    if (message.path("tool_calls").size() == 2) parallel = message;
                    for (JsonNode call : message.path("tool_calls")) {
                        if (call.get("id").asText().equals("call_c")) raw = call.get("function").get("arguments").asText();
                    }
                }
                assertEquals("The user identified; let me look up the order and compute.", parallel.get("reasoning_content").asText());
                assertEquals("{not json", raw);
                int at = 0;
                while (messages.get(at) != parallel) at++;
                assertEquals("call_a", messages.get(at + 1).get("tool_call_id").asText());
                assertEquals("call_b", messages.get(at + 2).get("tool_call_id").asText());
                assertEquals("14.00", messages.get(at + 2).get("content").asText());
            }
            JsonNode calls = manifest().at("/metrics/model_calls/agent");
            assertEquals(8, calls.get("answered_calls").asLong());
            assertTrue(calls.get("p50_ms").asDouble() > 0 && calls.get("p99_ms").asDouble() >= calls.get("p50_ms").asDouble(), calls.toString());
            JsonNode usage = manifest().get("usage").get("agent");
            assertEquals(8, usage.get("calls").asLong());
            assertEquals(2000 * 1.0 / 1e6 + 140 * 2.0 / 1e6, usage.get("cost_usd").asDouble(), 1e-9);
        }
    }

    @Test
    void should_wait_for_retry_after_on_429_and_then_finish_the_episode() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(OpenAiReply.error(429, "slow down", "rate_limit_error", "rate_limited", "Retry-After: 1"));
            server.respondWith(LoopbackRuns::openAiAgent);
            long started = System.nanoTime();
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config(openAiAgent(server), 1, "")), Map.of("TEST_KEY", "k"));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "waited for Retry-After");
            assertEquals(0, report.export().infraFailed());
            assertEquals(1, report.export().episodes());
        }
    }

    @Test
    void should_commit_nothing_when_more_episodes_failed_for_infrastructure_reasons_than_the_budget_allows() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.whenEmpty(OpenAiReply.error(500, "boom", "server_error", null));
            var config = LoopbackRuns.config(tmp, config(openAiAgent(server), 3, ""));
            var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.trajforge.collector.run.TooManyInfraFailuresException.class,
                    () -> LoopbackRuns.run(config, Map.of("TEST_KEY", "k")));
            assertTrue(refused.getMessage().startsWith("3 of 3 episodes (100.0%) failed for infrastructure reasons (model_error: http_500 3)"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("nothing committed"), refused.getMessage());
            assertFalse(java.nio.file.Files.exists(tmp.resolve("out/_SUCCESS")), "a run that only failed never looks like success");
            assertFalse(java.nio.file.Files.exists(tmp.resolve("out/data")), "and publishes nothing");
        }
    }

    @Test
    void should_record_episodes_as_infra_failed_when_every_call_fails_and_finish_the_run() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.whenEmpty(OpenAiReply.error(500, "boom", "server_error", null));
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config(openAiAgent(server), 3, "budget: {maxInfraFailureShare: 1}")),
                    Map.of("TEST_KEY", "k"));
            assertEquals(3, report.export().episodes());
            assertEquals(3, report.export().infraFailed());
            assertEquals(Map.of("model_error: http_500", 3L), report.infraFailures());
            assertEquals(9, server.requestCount(), "3 attempts per episode, then given up");
            JsonNode manifest = manifest();
            assertEquals(3, manifest.get("infra_failed").asLong());
            assertEquals(3, manifest.at("/metrics/infra_failed_by_cause/model_error: http_500").asLong());
            assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
            assertEquals(6, manifest.at("/metrics/model_calls/agent/retries").asLong(), "2 retries per episode");
            assertEquals(0, manifest.at("/metrics/model_calls/agent/answered_calls").asLong());
        }
    }

    @Test
    void should_abort_the_run_on_bad_credentials_naming_role_url_and_env_var_but_never_the_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey("the-right-key");
            RunAbortedException aborted = assertThrows(RunAbortedException.class, () ->
                    LoopbackRuns.run(LoopbackRuns.config(tmp, config(openAiAgent(server), 50, "")), Map.of("TEST_KEY", "sk-wrong-secret")));
            assertTrue(server.requestCount() < 20, "aborted at once, not after " + server.requestCount() + " refused calls of 50 episodes");
            assertTrue(aborted.getMessage().contains("agent model openai/test-model at " + server.baseUrl()), aborted.getMessage());
            assertTrue(aborted.getMessage().contains("TEST_KEY"), aborted.getMessage());
            assertFalse(aborted.getMessage().contains("sk-wrong-secret"));
            assertFalse(Files.exists(tmp.resolve("out/_SUCCESS")));
            assertTrue(server.requestCount() < 20, "stopped at once, not after 50 episodes: " + server.requestCount());
        }
    }

    @Test
    void should_run_a_claude_agent_over_the_anthropic_protocol_keeping_thinking_and_tool_use() throws Exception {
        try (FakeAnthropicServer server = FakeAnthropicServer.start()) {
            server.respondWith(request -> {
                long assistant = 0;
                for (JsonNode message : request.json().get("messages")) if (message.get("role").asText().equals("assistant")) assistant++;
                if (assistant == 0) {
                    return AnthropicReply.toolUse(ToolCallSpec.call("toolu_1", "list_all_product_types", "{}"),
                            ToolCallSpec.call("toolu_2", "calculate", "{\"expression\":\"1+1\"}")).thinking("Two look-ups at once.", "sig").usage(50, 5);
                }
                return AnthropicReply.text("Is there anything else I can help you with?").usage(60, 6);
            });
            String agent = "agent: {provider: anthropic, model: claude-test, baseUrl: " + server.baseUrl()
                    + ", apiKeyEnv: ANTHROPIC_TEST_KEY, returnThinking: true}";
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config(agent, 1, "")), Map.of("ANTHROPIC_TEST_KEY", "ak"));
            assertEquals(0, report.export().infraFailed());
            assertEquals("ak", server.lastRequest().header("x-api-key").orElseThrow());
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT to_json(messages) FROM read_parquet('" + tmp.resolve("out/data").toAbsolutePath() + "/*.parquet')")) {
                assertTrue(rs.next());
                JsonNode messages = JSON.readTree(rs.getString(1));
                JsonNode calls = null;
                for (JsonNode message : messages) if (message.path("tool_calls").size() == 2) calls = message;
                assertEquals("Two look-ups at once.", calls.get("reasoning_content").asText());
                assertEquals("toolu_1", calls.get("tool_calls").get(0).get("id").asText());
            }
        }
    }

    @Test
    void should_count_a_judge_reply_missing_a_verdict_as_judge_failed_never_accepted() throws Exception {
        try (FakeOpenAiServer judge = FakeOpenAiServer.start()) {
            judge.respondWith(request -> {
                java.util.List<String> names = LoopbackRuns.criteria(LoopbackRuns.messages(request).get(0).get("content").asText());
                StringBuilder verdicts = new StringBuilder("{\"verdicts\":[");
                for (int i = 1; i < names.size(); i++) { // the first criterion is left out
                    verdicts.append(i > 1 ? "," : "").append("{\"criterion\":\"").append(names.get(i)).append("\",\"reason\":\"ok\",\"verdict\":\"pass\"}");
                }
                return OpenAiReply.text(verdicts.append("]}").toString()).usage(500, 50);
            });
            String judgeBlock = "judge: {provider: openai, model: judge-model, baseUrl: " + judge.baseUrl() + "}\njudging: {auditFraction: 0}"
                    + "\nbudget: {maxInfraFailureShare: 1}";
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config("agent: {errors: null}", 4, judgeBlock)), Map.of());
            assertEquals(0, report.export().accepted());
            assertEquals(4, report.export().infraFailed());
            assertEquals(Map.of("judge_failed: invalid_verdict", 4L), report.infraFailures());
            assertEquals(4, judge.requestCount());
            assertEquals(4, manifest().at("/usage/judge/calls").asLong());
        }
    }

    @Test
    void should_keep_judged_trajectories_with_their_score_and_report_agreement() throws Exception {
        try (FakeOpenAiServer judge = FakeOpenAiServer.start()) {
            judge.respondWith(request -> {
                java.util.List<String> names = LoopbackRuns.criteria(LoopbackRuns.messages(request).get(0).get("content").asText());
                StringBuilder verdicts = new StringBuilder("{\"verdicts\":[");
                for (int i = 0; i < names.size(); i++) {
                    verdicts.append(i > 0 ? "," : "").append("{\"criterion\":\"").append(names.get(i)).append("\",\"reason\":\"seen\",\"verdict\":\"pass\"}");
                }
                return OpenAiReply.text(verdicts.append("]}").toString()).usage(500, 50);
            });
            String judgeBlock = "judge: {provider: openai, model: judge-model, baseUrl: " + judge.baseUrl() + "}\njudging: {auditFraction: 1.0}";
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config("agent: {errors: {wrongArgument: 0.5}}", 12, judgeBlock)), Map.of());
            assertTrue(report.export().accepted() > 0);
            JsonNode manifest = manifest();
            assertTrue(manifest.at("/metrics/judge/agreement_pairs").asLong() >= 12);
            assertTrue(manifest.at("/prompts_sha256/judge_rubric/0").asText().length() == 64);
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT min(judge_score), min(judge_model) FROM read_parquet('"
                         + tmp.resolve("out/data").toAbsolutePath() + "/train-*.parquet')")) {
                assertTrue(rs.next());
                assertEquals(1.0, rs.getDouble(1));
                assertEquals("openai/judge-model", rs.getString(2));
            }
            // reward_checks: the deterministic checks in order, then the judge's score (the judge passes everything here,
            // so an audited rejected row has a failed deterministic check next to a passed rubric_judge)
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT to_json(reward_checks), len(reject_reasons) FROM read_parquet('"
                         + tmp.resolve("out/data").toAbsolutePath() + "/*.parquet')")) {
                int accepted = 0;
                int rejected = 0;
                while (rs.next()) {
                    JsonNode checks = JSON.readTree(rs.getString(1));
                    assertEquals(java.util.List.of("termination", "state", "info", "confirmation", "rubric_judge"),
                            checks.findValues("name").stream().map(JsonNode::asText).toList(), checks.toString());
                    assertEquals(1.0, checks.get(4).get("score").asDouble());
                    assertTrue(checks.get(4).get("passed").asBoolean());
                    long failed = checks.findValues("passed").stream().filter(p -> !p.asBoolean()).count();
                    if (rs.getInt(2) == 0) {
                        accepted++;
                        assertEquals(0, failed, checks.toString());
                    } else {
                        rejected++;
                        assertTrue(failed > 0, checks.toString());
                    }
                }
                assertEquals(report.export().accepted(), accepted);
                assertTrue(rejected > 0, "wrongArgument 0.5 gets some episodes rejected");
            }
        }
    }

    @Test
    void should_abort_the_run_when_the_judge_model_rejects_the_credentials() throws Exception {
        try (FakeOpenAiServer judge = FakeOpenAiServer.start()) {
            judge.requireApiKey("right");
            String judgeBlock = "judge: {provider: openai, model: judge-model, baseUrl: " + judge.baseUrl() + ", apiKeyEnv: JUDGE_KEY}";
            RunAbortedException aborted = assertThrows(RunAbortedException.class, () -> LoopbackRuns.run(
                    LoopbackRuns.config(tmp, config("agent: {errors: null}", 20, judgeBlock)), Map.of("JUDGE_KEY", "wrong")));
            assertTrue(aborted.getMessage().contains("judge model openai/judge-model"), aborted.getMessage());
            assertTrue(aborted.getMessage().contains("JUDGE_KEY"), aborted.getMessage());
        }
    }

    @Test
    void should_refuse_a_scripted_judge_naming_the_key() {
        assertThrows(ConfigException.class, () -> LoopbackRuns.run(LoopbackRuns.config(tmp,
                config("", 1, "judge: {provider: scripted, model: x}")), Map.of()));
    }
}
