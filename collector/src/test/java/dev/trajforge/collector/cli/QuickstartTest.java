package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Hashing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart exactly as a new user runs it, read back by DuckDB — an independent Parquet reader. */
class QuickstartTest {
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode manifest;

    @BeforeAll
    static void runQuickstart() throws Exception {
        out = tmp.resolve("first");
        CliRun run = CliRun.of("run", QUICKSTART.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    }

    @Test
    void should_write_at_least_1000_episodes_with_40_to_90_percent_accepted_and_counts_that_add_up() {
        long episodes = manifest.get("episodes").asLong();
        long accepted = manifest.get("accepted").asLong();
        long rejected = 0;
        for (JsonNode count : manifest.get("rejected")) rejected += count.asLong();
        assertTrue(episodes >= 1000, "episodes " + episodes);
        assertEquals(episodes, accepted + rejected + manifest.get("infra_failed").asLong());
        double share = (double) accepted / episodes;
        assertTrue(share >= 0.4 && share <= 0.9, "accepted share " + share);
        long rows = 0;
        for (JsonNode file : manifest.get("files")) rows += file.get("rows").asLong();
        assertEquals(accepted, rows);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void should_record_the_policy_and_prompt_hashes_and_models_behind_the_data_in_the_manifest() {
        String policy = dev.trajforge.simenv.Domains.byName("retail").orElseThrow().policy().sha256();
        assertEquals(policy, manifest.at("/prompts_sha256/policy/0").asText());
        assertEquals(64, manifest.at("/prompts_sha256/user_simulator/0").asText().length());
        assertEquals(64, manifest.at("/prompts_sha256/agent_script/0").asText().length());
        assertEquals("scripted/oracle-agent", manifest.at("/models/agent/0").asText());
        assertEquals("scripted/persona-user", manifest.at("/models/user/0").asText());
    }

    @Test
    void should_read_back_with_duckdb_as_lists_of_structs_with_paired_tool_calls_and_json_arguments() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            String shards = "read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet')";
            try (ResultSet rs = sql.executeQuery("SELECT count(*), avg(num_tool_calls), avg(num_turns), min(reward) FROM " + shards)) {
                rs.next();
                assertEquals(manifest.get("accepted").asLong(), rs.getLong(1));
                assertTrue(rs.getDouble(2) >= 3, "mean tool calls " + rs.getDouble(2));
                assertTrue(rs.getDouble(3) >= 3, "mean user turns " + rs.getDouble(3));
                assertEquals(1.0, rs.getDouble(4));
            }
            try (ResultSet rs = sql.executeQuery("SELECT typeof(messages) FROM " + shards + " LIMIT 1")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("STRUCT(") && rs.getString(1).endsWith("[]"), rs.getString(1));
            }
            try (ResultSet rs = sql.executeQuery("SELECT domain, count(*) FROM " + shards + " GROUP BY domain")) {
                rs.next();
                assertEquals("retail", rs.getString(1));
            }
            // every tool message answers an earlier call of the same row; every arguments string is a JSON object
            try (ResultSet rs = sql.executeQuery("SELECT id, to_json(messages) FROM " + shards)) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    Set<String> calls = new HashSet<>();
                    for (JsonNode message : JSON.readTree(rs.getString(2))) {
                        for (JsonNode call : message.path("tool_calls")) {
                            calls.add(call.get("id").asText());
                            assertTrue(JSON.readTree(call.get("function").get("arguments").asText()).isObject(), rs.getString(1));
                        }
                        if (message.get("role").asText().equals("tool")) {
                            assertTrue(calls.contains(message.get("tool_call_id").asText()), rs.getString(1) + " unpaired tool message");
                        }
                    }
                }
                assertEquals(manifest.get("accepted").asLong(), rows);
            }
        }
    }

    @Test
    void should_write_byte_identical_parquet_when_run_twice_with_the_same_config() throws Exception {
        Path second = tmp.resolve("second");
        CliRun run = CliRun.of("run", QUICKSTART.toString(), "--out", second.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(shardHashes(out), shardHashes(second));
        assertFalse(shardHashes(out).isEmpty());
    }

    @Test
    void should_print_a_summary_with_episodes_accepted_rejected_by_reason_files_and_speed() {
        CliRun run = CliRun.of("run", QUICKSTART.toString(), "--out", tmp.resolve("summary").toString(), "--quiet", "--set", "tasks=40");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("run quickstart: 80 episodes in"), run.out());
        assertTrue(run.out().contains("episodes/s"), run.out());
        assertTrue(run.out().contains("accepted"), run.out());
        assertTrue(run.out().contains("data/train-00000-of-00001.parquet"), run.out());
        assertEquals("", run.err(), "--quiet prints no progress");
    }

    @Test
    void should_export_rejected_episodes_with_reasons_when_asked_to_keep_them() throws Exception {
        Path keep = tmp.resolve("keep");
        CliRun run = CliRun.of("run", QUICKSTART.toString(), "--out", keep.toString(), "--quiet", "--set", "tasks=60", "--keep-rejected");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode keptManifest = JSON.readTree(keep.resolve("manifest.json").toFile());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*), max(reward), min(len(reject_reasons)) FROM read_parquet('"
                     + keep.resolve("data").toAbsolutePath() + "/rejected-*.parquet')")) {
            rs.next();
            long rejected = 0;
            for (JsonNode count : keptManifest.get("rejected")) rejected += count.asLong();
            assertEquals(rejected, rs.getLong(1));
            assertEquals(0.0, rs.getDouble(2));
            assertTrue(rs.getInt(3) >= 1, "every rejected row names a reason");
        }
    }

    static Map<String, String> shardHashes(Path export) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(export.resolve("data"))) {
            for (Path file : files.toList()) hashes.put(file.getFileName().toString(), Hashing.sha256Hex(Files.readAllBytes(file)));
        }
        return hashes;
    }
}
