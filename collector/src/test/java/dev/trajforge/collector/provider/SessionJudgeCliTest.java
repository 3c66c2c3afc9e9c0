package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imported sessions judged by an LLM rubric judge over real HTTP (an OpenAI-compatible server on
 * 127.0.0.1), the CLI in its own JVM: the judge sees the default support rubric and only anonymized
 * text; a session it fails is rejected below the threshold; every row names the judge and its origin;
 * neither key is written anywhere.
 */
class SessionJudgeCliTest {
    private static final Path SESSIONS = Path.of("src/test/resources/ingest-cli/sessions.jsonl");
    private static final String ANON_KEY = "anon-key-for-judge-test";
    private static final String API_KEY = "sk-test-judge-loopback-7Qx";
    private static final List<String> PLANTED = List.of("maria.lopez@gmail.com", "john.smith@outlook.com", "Maria Lopez", "John Smith",
            "4111 1111 1111 1111", "+1 650 253 0000");

    @TempDir
    Path tmp;

    private record Cli(int exitCode, String out, String err) {
    }

    private Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrajforgeCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        builder.environment().put("TRAJFORGE_ANON_KEY", ANON_KEY);
        builder.environment().put("OPENAI_API_KEY", API_KEY);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "CLI finished");
        return new Cli(process.exitValue(), Files.readString(tmp.resolve("stdout")), Files.readString(tmp.resolve("stderr")));
    }

    /** Passes every criterion, except resolved_or_explained for the session where the agent gives up ("cannot help"). */
    private static Reply judge(RecordedRequest request) {
        String prompt = LoopbackRuns.messages(request).get(0).path("content").asText();
        boolean gaveUp = prompt.contains("cannot help");
        StringBuilder verdicts = new StringBuilder("{\"verdicts\":[");
        List<String> names = LoopbackRuns.criteria(prompt);
        for (int i = 0; i < names.size(); i++) {
            String verdict = gaveUp && names.get(i).equals("resolved_or_explained") ? "fail" : "pass";
            verdicts.append(i > 0 ? "," : "").append("{\"criterion\":\"").append(names.get(i)).append("\",\"reason\":\"r\",\"verdict\":\"").append(verdict).append("\"}");
        }
        return OpenAiReply.text(verdicts.append("]}").toString()).usage(400, 60);
    }

    @Test
    void should_judge_anonymized_sessions_with_the_support_rubric_and_keep_the_ones_it_passes() throws Exception {
        Path sessions = tmp.resolve("sessions.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(SESSIONS).stream().filter(SessionJudgeCliTest::isJson).toList());
        lines.add(lines.getFirst().replace("has shipped.", "has shipped, but I cannot help with the refund."));
        Files.write(sessions, lines);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey(API_KEY);
            server.respondWith(SessionJudgeCliTest::judge);
            Path config = tmp.resolve("sessions.yaml");
            Files.writeString(config, """
                    judge:
                      provider: openai
                      model: judge-mini
                      baseUrl: %s
                      apiKeyEnv: OPENAI_API_KEY
                      inputPricePerMillion: 1.0
                    judging:
                      threshold: 0.9
                      votes: 1
                      auditFraction: 0
                    """.formatted(server.baseUrl()));
            Path out = tmp.resolve("out");
            Cli run = cli("ingest", sessions.toString(), "--format", "openai-chat", "--config", config.toString(), "--out", out.toString());
            assertEquals(0, run.exitCode(), run.err());

            assertEquals(lines.size(), server.requestCount(), "one judge call per session that passed the checks");
            for (RecordedRequest request : server.requests()) {
                String body = request.body();
                assertTrue(body.contains("grounded_in_tools") && body.contains("resolved_or_explained"), "the default support rubric");
                for (String value : PLANTED) assertFalse(body.contains(value), "the judge saw a personal value: " + value);
            }
            Map<String, String> judged = new TreeMap<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT origin.line, judge_model, judge_score, list_transform(reward_checks, c -> c.name)::VARCHAR, "
                         + "array_to_string(reject_reasons, ',') FROM read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet') ORDER BY origin.line")) {
                while (rs.next()) {
                    assertEquals("openai/judge-mini", rs.getString(2));
                    assertTrue(rs.getString(4).contains("rubric_judge"), rs.getString(4));
                    judged.put(rs.getString(1), rs.getDouble(3) + " " + rs.getString(5));
                }
            }
            assertEquals(lines.size() - 1, judged.size(), "the session the judge failed is not in the dataset (no --keep-rejected): " + judged);
            JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
            assertEquals(1, manifest.path("rejected").path("judge_score_below_threshold").asInt(), manifest.toString());
            assertTrue(manifest.path("metrics").path("judge").isObject(), manifest.path("metrics").toString());

            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(API_KEY) || text.contains(ANON_KEY), "a key is in " + file);
                }
            }
        }
    }

    private static boolean isJson(String line) {
        try {
            new ObjectMapper().readTree(line);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void should_stop_with_exit_3_and_commit_nothing_when_the_judge_refuses_the_key() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.requireApiKey("another-key");
            Path config = tmp.resolve("sessions.yaml");
            Files.writeString(config, "judge: {provider: openai, model: judge-mini, baseUrl: '" + server.baseUrl() + "', apiKeyEnv: OPENAI_API_KEY}\n");
            Path out = tmp.resolve("out");
            Cli run = cli("ingest", SESSIONS.toString(), "--format", "openai-chat", "--config", config.toString(), "--out", out.toString(),
                    "--max-reject-rate", "0.5");
            assertEquals(3, run.exitCode(), run.err());
            assertTrue(run.err().contains("OPENAI_API_KEY"), run.err());
            assertFalse(Files.exists(out.resolve("_SUCCESS")));
        }
    }
}
