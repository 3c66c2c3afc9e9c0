package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.episode.EpisodeLimits;
import dev.trajforge.collector.episode.EpisodeRunner;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.provider.FakeOpenAiServer;
import dev.trajforge.collector.provider.OpenAiReply;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.provider.RetryPolicy;
import dev.trajforge.judge.Agreement;
import dev.trajforge.judge.FilterPolicy;
import dev.trajforge.simenv.Domain;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal counts an infrastructure failure by its cause class; what happened (which model, the
 * status, a body excerpt) goes to the failure log for an operator, never with the API key in it.
 */
class InfraFailureDetailTest {
    /** Not shaped like a key: only the exact value can find it. */
    private static final String KEY = "loopback-secret-4711";

    @TempDir
    Path tmp;

    private record Logged(String episode, int attempt, String failure, String detail) {
    }

    private final List<Logged> logged = new ArrayList<>();

    /** Runs episode 0 (attempt 2) of a one-task run with these roles, logging failures into {@link #logged}. */
    private JournalEntry runFirstEpisode(String roles) throws Exception {
        Path file = Files.writeString(tmp.resolve("run.yaml"), """
                runId: detail
                seed: 5
                domain: retail
                tasks: 1
                output: %s
                %s
                """.formatted(tmp.resolve("out"), roles));
        LoadedConfig loaded = ConfigLoader.load(file, List.of());
        RunConfig config = loaded.config();
        Domain domain = Domains.byName(config.domain()).orElseThrow();
        World world = domain.world(config.seed());
        Providers providers = new Providers(Map.of("TEST_KEY", KEY)::get,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10)));
        RoleModels models = new RoleModels(config, file, providers);
        FilterPolicy policy = models.judge().map(judge -> FilterPolicy.withRubricJudge(world, judge, domain.policy().text(),
                config.judging().threshold(), 0.0, new Agreement())).orElseGet(() -> FilterPolicy.deterministic(world));
        EpisodeWork work = new EpisodeWork(config, loaded.sha256(), domain, world, models,
                new EpisodeRunner(world, new EpisodeLimits(config.maxTurns(), config.maxToolErrors())), policy,
                (episode, attempt, failure, detail) -> logged.add(new Logged(episode, attempt, failure, detail)));
        return work.run(0, world.tasks(1).getFirst(), 0, 2);
    }

    @Test
    void should_log_status_and_body_excerpt_but_never_the_api_key_when_the_user_endpoint_fails() throws Exception {
        try (FakeOpenAiServer user = FakeOpenAiServer.start()) {
            user.whenEmpty(OpenAiReply.error(500, "upstream crashed while serving key " + KEY + " (Authorization: Bearer " + KEY + ")",
                    "server_error", null));
            JournalEntry entry = runFirstEpisode("user: {provider: openai, model: sim-user, baseUrl: " + user.baseUrl() + ", apiKeyEnv: TEST_KEY}");

            assertEquals("user_error: http_500", entry.failure());
            assertEquals(1, logged.size(), logged.toString());
            Logged line = logged.getFirst();
            assertEquals(entry.record().trajectory().taskId() + "#0", line.episode());
            assertEquals(2, line.attempt());
            assertEquals("user_error: http_500", line.failure());
            assertTrue(line.detail().contains("user model openai/sim-user at " + user.baseUrl()), line.detail());
            assertTrue(line.detail().contains("HTTP 500") && line.detail().contains("upstream crashed"), line.detail());
            assertFalse(line.detail().contains(KEY), line.detail());
        }
    }

    @Test
    void should_log_the_judges_reason_when_the_judge_cannot_give_a_verdict() throws Exception {
        try (FakeOpenAiServer judge = FakeOpenAiServer.start()) {
            judge.whenEmpty(OpenAiReply.text("Looks fine to me!"));
            JournalEntry entry = runFirstEpisode("agent: {errors: null}\njudge: {provider: openai, model: judge-model, baseUrl: " + judge.baseUrl() + "}");

            assertEquals("judge_failed: invalid_verdict", entry.failure());
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.getFirst().detail().contains("not JSON"), logged.getFirst().detail());
        }
    }

    @Test
    void should_log_nothing_when_the_episode_is_judged() throws Exception {
        JournalEntry entry = runFirstEpisode("agent: {errors: null}");

        assertNull(entry.failure());
        assertTrue(logged.isEmpty(), logged.toString());
    }

    @Test
    void should_write_an_infra_failure_event_with_its_detail_to_the_run_log() throws Exception {
        Path file = tmp.resolve("run.log.jsonl");
        RunLog log = new RunLog(file, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        log.failed("retail-5-00000#0", 3, "model_error: timeout", "agent model openai/m at http://h/v1: timeout after 6 attempt(s)");

        JsonNode line = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("infra_failure", line.get("event").asText());
        assertEquals("retail-5-00000#0", line.get("episode").asText());
        assertEquals(3, line.get("attempt").asInt());
        assertEquals("model_error: timeout", line.get("failure").asText());
        assertTrue(line.get("detail").asText().startsWith("agent model openai/m"));
    }
}
