package dev.trajforge.collector.cli;

import dev.trajforge.exporter.FailPoints;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ingest killed (as by SIGKILL) at each step of its commit, over the dataset an identical ingest
 * committed before: the same command run again ends in the same dataset, with no flag, and it validates.
 */
class IngestRecoveryTest {
    private static final Path SESSIONS = Path.of("src/test/resources/ingest-cli/sessions.jsonl");
    private static final Map<String, String> KEY = Map.of(IngestCommand.KEY_VARIABLE, "recovery-test-key");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"commit.staged", "commit.previous_deleted", "commit.first_shard_published", "commit.shards_published",
            "commit.manifest_written", "commit.success_written"})
    void should_end_in_the_same_dataset_when_the_same_command_follows_a_kill_during_commit(String failpoint) throws Exception {
        Path out = tmp.resolve("out");
        String[] ingest = {"ingest", SESSIONS.toString(), "--format", "openai-chat", "--max-reject-rate", "0.5", "--out", out.toString()};
        ChildCli first = ChildCli.run(tmp, KEY, ingest);
        assertEquals(0, first.exitCode(), first.err());
        Map<String, String> committed = rows(out);
        String rejects = Files.readString(out.resolve("rejects.jsonl"));

        ChildCli killed = ChildCli.withFailpoint(tmp, KEY, failpoint, ingest);
        assertEquals(FailPoints.HALT_STATUS, killed.exitCode(), "halted at " + failpoint + ": " + killed.err());

        ChildCli again = ChildCli.run(tmp, KEY, ingest);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(committed, rows(out), "the same rows as before the kill");
        assertEquals(rejects, Files.readString(out.resolve("rejects.jsonl")));
        CliRun validate = CliRun.of("validate", out.toString());
        assertEquals(0, validate.exitCode(), validate.out());
    }

    private static Map<String, String> rows(Path export) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT id, to_json(messages)::VARCHAR || reward::VARCHAR || origin::VARCHAR FROM read_parquet('"
                     + export.resolve("data").toAbsolutePath() + "/*.parquet')")) {
            while (rs.next()) rows.put(rs.getString(1), rs.getString(2));
        }
        return rows;
    }
}
