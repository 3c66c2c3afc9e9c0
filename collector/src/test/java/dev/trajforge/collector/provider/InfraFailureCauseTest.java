package dev.trajforge.collector.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.run.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every role's infrastructure failure keeps its cause: a run whose agent, user simulator or judge
 * endpoint fails in one way records the episode as {@code <role>: <cause class>}, in the run's report
 * and in the manifest's {@code metrics.infra_failed_by_cause}. Real clients over real HTTP, one way of
 * failing at a time.
 */
class InfraFailureCauseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_CHOICES = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
            + "\"model\":\"test-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":0,\"total_tokens\":10}}";

    @TempDir
    Path tmp;

    /** How an endpoint fails, and the cause class the run must record for it. */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("http_500", OpenAiReply.error(500, "upstream crashed", "server_error", null)),
                Arguments.of("malformed_response", Reply.raw(200, "<html><body><h1>502 Bad Gateway</h1></body></html>", "Content-Type: text/html")),
                Arguments.of("timeout", Reply.delay(Duration.ofMillis(1500), OpenAiReply.text("too late"))),
                Arguments.of("connection", Reply.drop()),
                Arguments.of("empty_response", Reply.status(200, NO_CHOICES)),
                Arguments.of("empty_response", OpenAiReply.text(null).usage(10, 0)));
    }

    private String config(String roles) {
        return """
                runId: causes
                seed: 11
                domain: retail
                tasks: 1
                trials: 1
                concurrency: 1
                output: %s
                budget: {maxInfraFailureShare: 1}  # commit the failed episode, so its recorded cause can be read back
                %s
                """.formatted(tmp.resolve("out"), roles);
    }

    private static String model(String role, FakeProviderServer server) {
        return role + ": {provider: openai, model: " + role + "-model, baseUrl: " + server.baseUrl() + ", apiKeyEnv: TEST_KEY, timeoutSeconds: 1}";
    }

    private Map<String, Long> run(String roles) throws Exception {
        RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, config(roles)), Map.of("TEST_KEY", "sk-test-0123456789abcdef"));
        JsonNode byCause = JSON.readTree(tmp.resolve("out/manifest.json").toFile()).at("/metrics/infra_failed_by_cause");
        assertEquals(report.infraFailures(), JSON.convertValue(byCause, new TypeReference<Map<String, Long>>() { }),
                "the manifest counts what the report counts");
        return report.infraFailures();
    }

    @ParameterizedTest(name = "model_error: {0}")
    @MethodSource("faults")
    void should_record_the_cause_of_an_agent_failure_when_the_agent_endpoint_fails(String cause, Reply fault) throws Exception {
        try (FakeOpenAiServer agent = FakeOpenAiServer.start()) {
            agent.whenEmpty(fault);
            assertEquals(Map.of("model_error: " + cause, 1L), run(model("agent", agent)));
        }
    }

    @ParameterizedTest(name = "user_error: {0}")
    @MethodSource("faults")
    void should_record_the_cause_of_a_user_simulator_failure_when_the_user_endpoint_fails(String cause, Reply fault) throws Exception {
        try (FakeOpenAiServer user = FakeOpenAiServer.start()) {
            user.whenEmpty(fault);
            assertEquals(Map.of("user_error: " + cause, 1L), run(model("user", user)));
        }
    }

    @Test
    void should_record_the_cause_of_a_judge_failure_when_the_judge_endpoint_fails() throws Exception {
        try (FakeOpenAiServer judge = FakeOpenAiServer.start()) {
            judge.whenEmpty(OpenAiReply.error(503, "overloaded", "server_error", null));
            assertEquals(Map.of("judge_failed: http_503", 1L), run("agent: {errors: null}\n" + model("judge", judge)));
        }
    }
}
