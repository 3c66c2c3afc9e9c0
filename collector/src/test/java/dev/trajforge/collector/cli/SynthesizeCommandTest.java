package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.provider.FakeOpenAiServer;
import dev.trajforge.collector.provider.RecordedRequest;
import dev.trajforge.collector.synth.FakeSynthesizer;
import dev.trajforge.exporter.FailPoints;
import dev.trajforge.simenv.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trajforge synthesize} against an OpenAI-compatible loopback server that plays the synthesizer
 * ({@link FakeSynthesizer}): two categories, four domains proposed (one a near-duplicate), three tools kept of four
 * per domain, one answer wrong on purpose. An uninterrupted run makes 12 model calls: 2 domain lists, 3 x (tools,
 * entities, tasks) and the one re-ask.
 */
class SynthesizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 12;

    @TempDir
    Path tmp;

    /** The config, writing to {@code tmp/out} (absolute: a relative output is the working directory's). */
    private String config(String baseUrl, String extra) {
        return """
                model: {provider: openai, model: synth-model, baseUrl: "%s"}
                seed: 7
                categories: [commerce, travel]
                domainsPerCategory: 2
                toolsPerDomain: 4
                entitiesPerCollection: 5
                tasksPerDomain: 3
                similarity: {domains: 0.85, tools: 0.85}
                output: %s
                contractTasks: 20
                %s""".formatted(baseUrl, tmp.resolve("out"), extra);
    }

    private Path writeConfig(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void should_write_three_valid_packs_from_two_categories_that_domains_check_accepts() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            CliRun run = CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "")).toString(), "--quiet");

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("3 pack(s) accepted, 0 rejected"), run.out());
            assertEquals(CALLS, server.requestCount());
            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertEquals(CALLS, summary.at("/calls/total").asInt());
            assertEquals(FakeSynthesizer.PACKS, names(summary.at("/packs/accepted")));
            for (String pack : FakeSynthesizer.PACKS) {
                Path folder = tmp.resolve("out/packs").resolve(pack);
                CliRun check = CliRun.of("domains", "check", folder.toString(), "--seed", "7", "--tasks", "20");
                assertEquals(0, check.exitCode(), pack + ": " + check.out() + check.err());
                assertTrue(Files.readString(folder.resolve("domain.yaml")).contains("kind: synthesized"));
            }
            String travel = Files.readString(tmp.resolve("out/packs/hotel_front_desk/domain.yaml"));
            assertTrue(travel.contains("source: openai/synth-model, category travel"), travel);
        }
    }

    @Test
    void should_ask_the_model_for_the_categories_when_the_config_gives_a_count() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            String counted = config(server.baseUrl(), "").replace("categories: [commerce, travel]", "categoryCount: 2");
            CliRun run = CliRun.of("synthesize", writeConfig("synth.yaml", counted).toString(), "-q");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals(CALLS + 1, server.requestCount());
            assertTrue(server.requests().getFirst().body().contains("Stage: categories"));
            assertEquals(FakeSynthesizer.PACKS, names(JSON.readTree(tmp.resolve("out/summary.json").toFile()).at("/packs/accepted")));
        }
    }

    @Test
    void should_ask_again_with_the_errors_when_an_answer_breaks_the_checks_and_count_the_reask() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            assertEquals(0, CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "")).toString(), "-q").exitCode());

            RecordedRequest reask = server.requests().stream().filter(r -> r.json().get("messages").size() == 3).findFirst().orElseThrow();
            String problems = reask.json().get("messages").get(2).path("content").asText();
            assertTrue(problems.contains("tool 'update_reservation_status': kind 'read' does not match action 'update'"), problems);
            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertEquals(1, summary.at("/calls/reasks").asInt());
            JsonNode tools = journalRecord(tmp.resolve("out"), "tools/hotel_front_desk");
            assertEquals(2, tools.get("calls").asInt());
            assertEquals(1, tools.get("reasks").asInt());
        }
    }

    @Test
    void should_remove_near_duplicate_domains_and_tools_and_say_what_they_duplicated() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            assertEquals(0, CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "")).toString(), "-q").exitCode());

            JsonNode removed = JSON.readTree(tmp.resolve("out/summary.json").toFile()).get("duplicates_removed");
            assertEquals("pet_supplies_orders", removed.at("/domains/0/name").asText());
            assertEquals("pet_supply_orders", removed.at("/domains/0/duplicate_of").asText());
            assertEquals(1, removed.get("domains").size());
            assertEquals("get_order", removed.at("/tools/pet_supply_orders/0/duplicate_of").asText());
            assertEquals("get_order_details", removed.at("/tools/pet_supply_orders/0/name").asText());
            assertFalse(Files.exists(tmp.resolve("out/packs/pet_supplies_orders")));
            assertFalse(Files.readString(tmp.resolve("out/packs/pet_supply_orders/tools.yaml")).contains("get_order_details"));
        }
    }

    @Test
    void should_keep_both_near_duplicate_domains_at_a_threshold_they_do_not_reach() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            String strict = config(server.baseUrl(), "").replace("similarity: {domains: 0.85, tools: 0.85}", "similarity: {domains: 0.99, tools: 0.85}");
            assertEquals(0, CliRun.of("synthesize", writeConfig("synth.yaml", strict).toString(), "-q").exitCode());

            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertEquals(0, summary.at("/duplicates_removed/domains").size());
            assertEquals(4, summary.at("/packs/accepted").size(), summary.toPrettyString());
            assertTrue(names(summary.at("/packs/accepted")).contains("pet_supplies_orders"));
        }
    }

    @Test
    void should_stop_at_the_budget_and_resume_without_repeating_a_call() throws Exception {
        Map<String, String> reference = referencePacks();
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            CliRun first = CliRun.of("synthesize", writeConfig("small.yaml", config(server.baseUrl(), "budget: {maxCalls: 5}")).toString(), "-q");

            assertEquals(TrajforgeCli.EXIT_BUDGET, first.exitCode(), first.out() + first.err());
            int firstCalls = server.requestCount();
            assertTrue(firstCalls >= 5 && firstCalls < CALLS, "calls " + firstCalls);
            JsonNode stopped = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertFalse(stopped.get("finished").asBoolean());
            assertEquals(0, stopped.at("/budget_left/calls").asInt());

            // a larger budget is the same config: the output's hash leaves the budget out
            CliRun second = CliRun.of("synthesize", writeConfig("large.yaml", config(server.baseUrl(), "budget: {maxCalls: 100}")).toString(), "-q");

            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertEquals(CALLS, server.requestCount(), "no call repeated");
            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertEquals(CALLS - firstCalls, summary.at("/calls/this_invocation").asInt());
            assertEquals(CALLS, summary.at("/calls/total").asInt());
            assertEquals(100 - CALLS, summary.at("/budget_left/calls").asInt());
            assertEquals(reference, tree(tmp.resolve("out/packs")));
        }
    }

    @Test
    void should_end_in_the_same_packs_when_killed_between_the_journal_append_and_the_pack_write() throws Exception {
        Map<String, String> reference = referencePacks();
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            Path config = writeConfig("synth.yaml", config(server.baseUrl(), ""));
            ChildCli killed = ChildCli.withFailpoint(tmp, Map.of(), "synth.before_pack", "synthesize", config.toString(), "-q");

            assertEquals(FailPoints.HALT_STATUS, killed.exitCode(), killed.err());
            assertTrue(journalRecord(tmp.resolve("out"), "tasks/pet_supply_orders") != null, "the first domain's last item was journaled");
            assertFalse(Files.exists(tmp.resolve("out/packs/pet_supply_orders")), "and its pack not written");
            int before = server.requestCount();

            CliRun resumed = CliRun.of("synthesize", config.toString(), "-q");

            assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
            assertEquals(CALLS, server.requestCount(), "the resumed run asked only for what was not journaled (" + before + " before)");
            assertEquals(reference, tree(tmp.resolve("out/packs")));
        }
    }

    @Test
    void should_repair_a_torn_last_journal_line_and_ask_that_item_again() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            Path config = writeConfig("synth.yaml", config(server.baseUrl(), ""));
            assertEquals(0, CliRun.of("synthesize", config.toString(), "-q").exitCode());
            Path journal = tmp.resolve("out/journal.jsonl");
            String text = Files.readString(journal);
            Files.writeString(journal, text.substring(0, text.length() - 40)); // the last record torn in the middle

            CliRun again = CliRun.of("synthesize", config.toString(), "-q");

            assertEquals(0, again.exitCode(), again.err());
            assertEquals(CALLS + 1, server.requestCount(), "only the torn item is asked again");
            assertTrue(Files.readString(journal).endsWith("\n"));
            assertEquals(FakeSynthesizer.PACKS, names(JSON.readTree(tmp.resolve("out/summary.json").toFile()).at("/packs/accepted")));
        }
    }

    @Test
    void should_refuse_an_output_made_under_another_config() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            assertEquals(0, CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "")).toString(), "-q").exitCode());
            int calls = server.requestCount();

            String other = config(server.baseUrl(), "").replace("tasksPerDomain: 3", "tasksPerDomain: 4");
            CliRun refused = CliRun.of("synthesize", writeConfig("other.yaml", other).toString(), "-q");

            assertEquals(TrajforgeCli.EXIT_BAD_INPUT, refused.exitCode());
            assertTrue(refused.err().contains("was synthesized under another config"), refused.err());
            assertEquals(calls, server.requestCount());
        }
    }

    @Test
    void should_name_the_file_line_and_key_of_a_bad_config_value() throws Exception {
        Path config = writeConfig("bad.yaml", config("http://127.0.0.1:9/v1", "").replace("toolsPerDomain: 4", "toolsPerDomain: 0"));

        CliRun run = CliRun.of("synthesize", config.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains(config + ":5: key 'toolsPerDomain': must be in [1, 40], got 0"), run.err());
    }

    @Test
    void should_keep_a_domain_whose_tasks_never_pass_as_rejected_with_its_reasons() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.refusing("car_rental_counter"));
            CliRun run = CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "attempts: 2")).toString(), "-q");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals(CALLS + 1, server.requestCount(), "the failing item used both its attempts");
            JsonNode reasons = JSON.readTree(tmp.resolve("out/rejected/car_rental_counter/reasons.json").toFile());
            assertEquals("tasks", reasons.get("stage").asText());
            assertTrue(reasons.at("/reasons/0").asText().contains("no tool named 'approve_rental'"), reasons.toString());
            JsonNode summary = JSON.readTree(tmp.resolve("out/summary.json").toFile());
            assertEquals("car_rental_counter", summary.at("/packs/rejected/0/name").asText());
            assertEquals(Set.of("pet_supply_orders", "hotel_front_desk"), names(summary.at("/packs/accepted")));
        }
    }

    @Test
    void should_run_the_synthesized_packs_and_export_accepted_trajectories() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            assertEquals(0, CliRun.of("synthesize", writeConfig("synth.yaml", config(server.baseUrl(), "")).toString(), "-q").exitCode());
        }
        Path run = writeConfig("run.yaml", """
                runId: synthesized
                seed: 3
                domains:
                  - {name: pet_supply_orders, weight: 1}
                  - {name: hotel_front_desk, weight: 1}
                  - {name: car_rental_counter, weight: 1}
                tasks: 9
                trials: 3
                output: export
                domainPaths: [out/packs]
                """);

        CliRun collected = CliRun.of("run", run.toString(), "--out", tmp.resolve("export").toString(), "--quiet");

        assertEquals(0, collected.exitCode(), collected.err());
        JsonNode manifest = JSON.readTree(tmp.resolve("export/manifest.json").toFile());
        assertTrue(manifest.get("accepted").asLong() > 0, collected.out());
        Set<String> domains = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT DISTINCT domain, domain_origin, tool_simulator_model FROM read_parquet('"
                     + tmp.resolve("export/data").toAbsolutePath() + "/*.parquet')")) {
            while (rs.next()) {
                domains.add(rs.getString(1));
                assertEquals("synthesized", rs.getString(2));
                assertEquals("scripted/world-model", rs.getString(3));
            }
        }
        assertEquals(FakeSynthesizer.PACKS, domains, "accepted rows of every synthesized pack");
    }

    /** The packs of an uninterrupted run, as relative path -> SHA-256. */
    private Map<String, String> referencePacks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reference"));
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(FakeSynthesizer.valid());
            Path config = Files.writeString(dir.resolve("synth.yaml"), config(server.baseUrl(), ""));
            assertEquals(0, CliRun.of("synthesize", config.toString(), "--out", dir.resolve("out").toString(), "-q").exitCode());
        }
        return tree(dir.resolve("out/packs"));
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) files.put(root.relativize(file).toString(), Hashing.sha256Hex(Files.readAllBytes(file)));
        }
        assertFalse(files.isEmpty(), "no files under " + root);
        return files;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(node -> names.add(node.isTextual() ? node.asText() : node.get("name").asText()));
        return names;
    }

    /** The last journal record of {@code key}, or null. */
    private static JsonNode journalRecord(Path out, String key) throws Exception {
        JsonNode found = null;
        for (String line : Files.readAllLines(out.resolve("journal.jsonl"))) {
            if (line.startsWith("#")) continue;
            JsonNode record = JSON.readTree(line.substring(line.indexOf('\t') + 1));
            if (key.equals(record.get("key").asText())) found = record;
        }
        return found;
    }
}
