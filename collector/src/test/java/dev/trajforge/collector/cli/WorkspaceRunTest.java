package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.tools.ToolDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workspace domain (calendar, email, contacts across time zones), a pack with no Java, run offline
 * as examples/workspace.yaml says but on fewer tasks: a sensible acceptance rate at the scripted agent's
 * default mistake rates, every workspace tool in some accepted trajectory (read back by DuckDB), the
 * same shards from the same config.
 */
class WorkspaceRunTest {
    static final Path WORKSPACE = Path.of("..", "examples", "workspace.yaml");
    static final String TASKS = "tasks=60";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode manifest;

    @BeforeAll
    static void runWorkspace() throws Exception {
        out = tmp.resolve("first");
        CliRun run = CliRun.of("run", WORKSPACE.toString(), "--set", TASKS, "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    }

    @Test
    void should_accept_between_40_and_90_percent_of_the_episodes() {
        long episodes = manifest.get("episodes").asLong();
        double share = (double) manifest.get("accepted").asLong() / episodes;
        assertEquals(120, episodes);
        assertTrue(share >= 0.4 && share <= 0.9, "accepted share " + share + " " + manifest.get("rejected"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void should_use_every_workspace_tool_in_some_accepted_trajectory() throws Exception {
        Set<String> tools = new TreeSet<>();
        for (ToolDef tool : Domains.byName("workspace").orElseThrow().world(0).tools()) tools.add(tool.name());
        Set<String> used = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            String shards = "read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet')";
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT domain FROM " + shards)) {
                assertTrue(rs.next());
                assertEquals("workspace", rs.getString(1));
                assertFalse(rs.next());
            }
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT c.function.name FROM (SELECT unnest(m.tool_calls) AS c FROM "
                    + "(SELECT unnest(messages) AS m FROM " + shards + "))")) {
                while (rs.next()) used.add(rs.getString(1));
            }
        }
        assertTrue(tools.size() >= 12, "workspace tools: " + tools);
        Set<String> unused = new TreeSet<>(tools);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "workspace tools in no accepted trajectory");
    }

    @Test
    void should_write_the_same_shards_when_run_twice_with_the_same_config() throws Exception {
        Path second = tmp.resolve("second");
        CliRun run = CliRun.of("run", WORKSPACE.toString(), "--set", TASKS, "--out", second.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(QuickstartTest.shardHashes(out), QuickstartTest.shardHashes(second));
    }
}
