package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trajforge judge}: a simulated run's export and an ingest of real sessions judged again into one
 * dataset. Rows keep their ids, run ids and origins; the manifest names the runs they came from; the
 * world checks a simulated episode failed when its world existed still reject it; the result validates.
 */
class JudgeCommandTest {
    private static final String QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toString();
    private static final Path SESSIONS = Path.of("src/test/resources/ingest-cli/sessions.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void should_mix_a_run_and_an_ingest_into_one_dataset_keeping_identity_and_recorded_world_checks() throws Exception {
        Path simulated = tmp.resolve("simulated");
        Path sessions = tmp.resolve("sessions");
        Path mixed = tmp.resolve("mixed");
        CliRun run = CliRun.of("run", QUICKSTART, "--quiet", "--keep-rejected", "--set", "tasks=60", "--out", simulated.toString());
        assertEquals(0, run.exitCode(), run.err());
        ChildCli ingest = ChildCli.run(tmp, Map.of(IngestCommand.KEY_VARIABLE, "judge-test-key"), "ingest", SESSIONS.toString(),
                "--format", "openai-chat", "--max-reject-rate", "0.5", "--out", sessions.toString());
        assertEquals(0, ingest.exitCode(), ingest.err());

        CliRun judge = CliRun.of("judge", simulated.toString(), sessions.toString(), "--keep-rejected", "--out", mixed.toString());
        assertEquals(0, judge.exitCode(), judge.err());

        JsonNode before = JSON.readTree(simulated.resolve("manifest.json").toFile());
        JsonNode ingested = JSON.readTree(sessions.resolve("manifest.json").toFile());
        JsonNode after = JSON.readTree(mixed.resolve("manifest.json").toFile());
        assertEquals(Set.of(before.path("run_id").asText(), ingested.path("run_id").asText()), strings(after.path("source_runs")));
        assertTrue(after.path("run_id").asText().startsWith("judge-"), after.path("run_id").asText());
        for (String reason : java.util.List.of("final_state_mismatch", "info_not_communicated", "write_without_confirmation")) {
            assertEquals(before.path("rejected").path(reason).asLong(), after.path("rejected").path(reason).asLong(),
                    "a world check failed when the episode ran still rejects it (" + reason + "): " + after.path("rejected"));
        }
        assertTrue(before.path("rejected").path("info_not_communicated").asLong() > 0, "the run has episodes that failed the info check");
        assertTrue(before.path("rejected").path("final_state_mismatch").asLong() > 0, "the run has episodes that failed the state check");

        assertEquals(rows(simulated), rows(mixed).entrySet().stream().filter(e -> e.getValue().startsWith("simulated"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)),
                "every simulated row, by id, with its run id");
        assertEquals(rows(sessions), rows(mixed).entrySet().stream().filter(e -> e.getValue().startsWith("session"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)),
                "every session row, by id, with its run id and origin");

        CliRun validate = CliRun.of("validate", mixed.toString());
        assertEquals(0, validate.exitCode(), validate.out() + validate.err());
    }

    @Test
    void should_refuse_an_export_that_does_not_hold_every_column() {
        Path jsonl = tmp.resolve("jsonl");
        assertEquals(0, CliRun.of("run", QUICKSTART, "--quiet", "--set", "tasks=5", "--format", "openai-jsonl", "--out", jsonl.toString()).exitCode());
        CliRun judge = CliRun.of("judge", jsonl.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, judge.exitCode(), judge.err());
        assertTrue(judge.err().contains("holds openai-jsonl files"), judge.err());

        CliRun missing = CliRun.of("judge", tmp.resolve("nothing-here").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("nothing-here does not exist"), missing.err());
    }

    /** id -> "source run_id origin.file:origin.line" of every row of every split. */
    private static Map<String, String> rows(Path export) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT id, source, run_id, origin.file, origin.line FROM read_parquet('"
                     + export.resolve("data").toAbsolutePath() + "/*.parquet')")) {
            while (rs.next()) rows.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + ":" + rs.getString(5));
        }
        return rows;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
