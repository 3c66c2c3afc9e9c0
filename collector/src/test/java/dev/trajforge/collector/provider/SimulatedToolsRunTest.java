package dev.trajforge.collector.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.run.RunReport;
import dev.trajforge.simenv.Task;
import dev.trajforge.simenv.pack.DomainPacks;
import dev.trajforge.simenv.tools.SimulationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run on a domain imported from an OpenAPI document (the Swagger Petstore: every tool simulated), with one OpenAI-compatible loopback model as the agent, the user and
 * the tool simulator. The simulator answers wrongly on purpose (a bad patch, a schema-violating state change, results
 * that break the output schema or are not JSON): each is refused and asked again, counted, and one tool never gets a
 * sound answer, so its episodes are infrastructure failures; nothing a refused answer proposed reaches the data.
 */
class SimulatedToolsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Swagger Petstore as `trajforge domains import` writes it from its OpenAPI document (ExamplePackTest keeps it so). */
    static final Path PETSTORE = Path.of("../examples/packs/petstore").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /**
     * Wrong answers by what a tool does: the first answer to a read is prose, to a list a result that breaks the output
     * schema, to an update a change that breaks the entity's schema, to a create a patch on a collection that does not
     * exist; every answer to a delete is a patch that does not apply.
     */
    static String mistake(SimulationRequest request) {
        boolean first = request.attempt() == 1;
        String collection = request.hints().collection();
        String key = request.hints().key() == null ? "" : request.arguments().path(request.hints().key()).asText();
        String keyField = collection == null ? "" : request.state().path(collection).path("key_field").asText();
        return switch (request.hints().action()) {
            case READ -> first ? "The pet is a lovely dog." : null;
            case LIST -> first ? "{\"result\": [{\"id\": \"seven\"}], \"error\": null, \"patch\": []}" : null;
            case UPDATE -> first ? "{\"result\": {}, \"error\": null, \"patch\": [{\"op\": \"replace\", \"path\": \"/" + collection + "/" + key + "/"
                    + keyField + "\", \"value\": {\"lost\": true}}]}" : null;
            case CREATE -> first ? "{\"result\": {}, \"error\": null, \"patch\": [{\"op\": \"add\", \"path\": \"/no_such_things/1\", \"value\": {}}]}" : null;
            case DELETE -> "{\"result\": {}, \"error\": null, \"patch\": [{\"op\": \"remove\", \"path\": \"/" + collection + "/does-not-exist\"}]}";
            default -> null;
        };
    }

    @Test
    void should_export_only_episodes_whose_every_state_change_was_sound_and_count_each_regeneration_and_failure() throws Exception {
        List<Task> tasks = DomainPacks.load(PETSTORE).world(3).tasks(40);
        java.util.Set<String> deletes = java.util.Set.of("deletePet", "deleteOrder", "deleteUser");
        long withDelete = tasks.stream().filter(t -> t.goldActions().stream().anyMatch(c -> deletes.contains(c.name()))).count();
        assertTrue(withDelete > 0 && withDelete < tasks.size(), "some tasks, not all, remove a pet: " + withDelete);
        SimulatedWorldServer world = new SimulatedWorldServer(tasks, SimulatedToolsRunTest::mistake);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(world.responder());
            String model = "{provider: openai, model: %s, baseUrl: " + server.baseUrl() + ", apiKeyEnv: TEST_KEY}";
            String yaml = """
                    runId: simulated-tools
                    seed: 3
                    domain: petstore
                    domainPaths: [%s]
                    tasks: 40
                    concurrency: 4
                    budget: {maxInfraFailureShare: 0.5}   # the tasks that delete never get a sound answer
                    keepRejected: false
                    output: %s
                    agent: %s
                    user: %s
                    toolSimulator: %s
                    """.formatted(PETSTORE, tmp.resolve("out"), model.formatted("agent-m"), model.formatted("user-m"), model.formatted("world-m"));
            RunReport report = LoopbackRuns.run(LoopbackRuns.config(tmp, yaml), Map.of("TEST_KEY", "sk-test"));

            assertEquals(40, report.export().episodes());
            assertEquals(withDelete, report.export().infraFailed(), "every episode that removes a pet meets a simulator that never answers soundly");
            assertTrue(java.util.Set.of("duplicate").containsAll(report.export().rejected().keySet()),
                    "the agent follows the gold plan with the values the user gives: only repeats may be dropped, got " + report.export().rejected());
            assertTrue(report.export().accepted() >= 10, "accepted " + report.export().accepted() + ", rejected " + report.export().rejected());

            JsonNode manifest = JSON.readTree(Files.readString(tmp.resolve("out/manifest.json")));
            JsonNode simulator = manifest.path("metrics").path("tool_simulator");
            assertEquals("openai/world-m", simulator.path("model").asText());
            long wrong = world.wrongAnswers.values().stream().mapToLong(java.util.concurrent.atomic.AtomicInteger::get).sum();
            long refused = sum(simulator.path("refused_proposals"));
            assertEquals(wrong, refused, "every wrong answer the server sent was refused: " + simulator);
            assertEquals(world.retriedRequests.get(), simulator.path("regenerations").asLong(), "every regeneration counted");
            assertEquals(world.simulatorRequests.get(), simulator.path("asked").asLong() + simulator.path("regenerations").asLong());
            assertEquals(withDelete, simulator.path("failures").path("bad_patch").asLong());
            assertEquals(0, simulator.path("failures").path("schema_violation").asLong() + simulator.path("failures").path("bad_output").asLong());
            assertTrue(simulator.path("refused_proposals").path("schema_violation").asLong() > 0, simulator.toString());
            assertTrue(simulator.path("refused_proposals").path("bad_output").asLong() > 0, simulator.toString());
            assertTrue(simulator.path("first_try_valid_rate").asDouble() < 1.0);
            assertTrue(simulator.path("cache_hits").asLong() > 0, "the judge's replay of a gold plan met the agent's answers: " + simulator);
            assertEquals("tool_simulator_error: bad_patch", manifest.path("metrics").path("infra_failed_by_cause").fieldNames().next());
            assertTrue(manifest.path("models").path("tool_simulator").toString().contains("openai/world-m"));
            long paid = manifest.path("usage").path("tool_simulator").path("calls").asLong();
            assertTrue(paid > 0 && paid <= world.simulatorRequests.get(), "the episodes' simulator calls are in the run's usage: " + manifest.path("usage"));

            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT task_id, to_json(messages)::VARCHAR, domain_origin, tool_simulator_model, to_json(reward_checks)::VARCHAR"
                         + " FROM read_parquet('" + tmp.resolve("out/data").toAbsolutePath() + "/*.parquet')")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    String taskId = rs.getString(1);
                    assertTrue(tasks.stream().filter(t -> t.id().equals(taskId)).noneMatch(t -> t.goldActions().stream().anyMatch(c -> deletes.contains(c.name()))),
                            "an episode whose state change was refused is never exported: " + taskId);
                    String messages = rs.getString(2);
                    for (String refusedValue : List.of("\"lost\"", "no_such_things", "lovely dog", "\"seven\"", "does-not-exist")) {
                        assertFalse(messages.contains(refusedValue), "a refused answer reached row " + taskId + ": " + refusedValue);
                    }
                    assertEquals("openapi", rs.getString(3));
                    assertEquals("openai/world-m", rs.getString(4));
                    assertFalse(rs.getString(5).contains("\"passed\":false"), rs.getString(5));
                }
                assertEquals(report.export().accepted(), rows);
            }
        }
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) total += count.asLong();
        return total;
    }
}
