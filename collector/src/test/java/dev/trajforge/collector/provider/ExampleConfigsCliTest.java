package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import dev.trajforge.collector.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped example configs, run the way a data engineer runs them: the real CLI in its own JVM,
 * the key in its environment, every role pointed at an OpenAI-compatible server on 127.0.0.1.
 */
class ExampleConfigsCliTest {
    private static final String KEY = "sk-test-Zq8xLoopbackSecret";
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path tmp;

    private record Cli(int exitCode, String out, String err) {
    }

    private Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        builder.environment().put("OPENAI_API_KEY", KEY);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "CLI finished");
        return new Cli(process.exitValue(), Files.readString(tmp.resolve("stdout")), Files.readString(tmp.resolve("stderr")));
    }

    /** One server plays every role: the agent (requests with tools), the judge (rubric prompt), the user (the rest). */
    private static Reply allRoles(RecordedRequest request) {
        JsonNode messages = LoopbackRuns.messages(request);
        String system = messages.get(0).path("content").asText();
        if (request.json().has("tools")) return LoopbackRuns.openAiAgent(request);
        if (system.contains("Rubric criteria")) {
            StringBuilder verdicts = new StringBuilder("{\"verdicts\":[");
            List<String> names = LoopbackRuns.criteria(system);
            for (int i = 0; i < names.size(); i++) {
                verdicts.append(i > 0 ? "," : "").append("{\"criterion\":\"").append(names.get(i)).append("\",\"reason\":\"r\",\"verdict\":\"pass\"}");
            }
            return OpenAiReply.text(verdicts.append("]}").toString()).usage(300, 40);
        }
        long userTurns = LoopbackRuns.count(messages, "assistant"); // role-flipped: the user's own turns are "assistant"
        return OpenAiReply.text(userTurns == 0 ? "Hi, I want to check on my order." : userTurns == 1 ? "My email is ada@example.com."
                : "No, that's all. Thanks! ###STOP###").usage(80, 10);
    }

    @Test
    void should_run_the_openai_compatible_example_end_to_end_and_never_write_the_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey(KEY);
            server.respondWith(ExampleConfigsCliTest::allRoles);
            Path out = tmp.resolve("out");
            Cli run = cli("run", EXAMPLES.resolve("openai-compatible.yaml").toString(), "--out", out.toString(), "--keep-rejected",
                    "--set", "agent.baseUrl=" + server.baseUrl(), "--set", "user.baseUrl=" + server.baseUrl(),
                    "--set", "judge.baseUrl=" + server.baseUrl());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("10 episodes"), run.out());
            assertTrue(server.requests().stream().allMatch(r -> r.bearerToken().orElse("").equals(KEY)));
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT count(*), sum(num_tool_calls), count(*) FILTER (WHERE to_json(messages)::VARCHAR LIKE '%reasoning_content\":\"The user identified%')"
                         + " FROM read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet')")) {
                assertTrue(rs.next());
                assertEquals(10, rs.getLong(1), "every episode exported (accepted or, with --keep-rejected, rejected)");
                assertEquals(30, rs.getLong(2));
                assertEquals(10, rs.getLong(3), "reasoning kept in every row");
            }
            assertKeyNowhere(out, run);
        }
    }

    @Test
    void should_abort_with_exit_code_3_at_once_on_a_rejected_key_naming_the_env_var() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey("a-different-key");
            Path out = tmp.resolve("out");
            Cli run = cli("run", EXAMPLES.resolve("openai-compatible.yaml").toString(), "--out", out.toString(),
                    "--set", "tasks=500", "--set", "agent.baseUrl=" + server.baseUrl(), "--set", "user.baseUrl=" + server.baseUrl(),
                    "--set", "judge.baseUrl=" + server.baseUrl());
            assertEquals(3, run.exitCode(), run.err());
            // at once: far fewer calls than the 500 tasks would make (a count, not a wall-clock bound a busy machine can break)
            assertTrue(server.requestCount() < 50, "stopped after " + server.requestCount() + " refused calls");
            assertTrue(run.err().contains("OPENAI_API_KEY"), run.err());
            assertTrue(run.err().contains(server.baseUrl()), run.err());
            assertFalse(Files.exists(out.resolve("_SUCCESS")));
            assertKeyNowhere(out, run);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai-compatible.yaml", "anthropic.yaml", "ollama.yaml", "quickstart.yaml"})
    void should_load_every_example_and_accept_a_base_url_override(String example) {
        var loaded = ConfigLoader.load(EXAMPLES.resolve(example), List.of("agent.baseUrl=http://127.0.0.1:8000/v1"));
        assertEquals("http://127.0.0.1:8000/v1", loaded.config().agent().baseUrl());
    }

    private void assertKeyNowhere(Path out, Cli run) throws IOException {
        assertFalse(run.out().contains(KEY) || run.err().contains(KEY), "key on the terminal");
        if (!Files.exists(out)) return;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(KEY), "the key leaked into " + file);
            }
        }
    }
}
