package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.tools.ToolDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * Each domain that is a pack with no Java (airline, banking, workspace, telecom), run offline as its example
 * config says (banking, workspace and telecom on fewer tasks, so they run in seconds): a sensible acceptance
 * rate at the scripted agent's default mistake rates, every one of the domain's tools in some accepted
 * trajectory (read back by DuckDB; telecom's phone tools in the user's own calls), and the same shards from the
 * same config.
 */
class PackDomainRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"airline, 0, 1000", "banking, 80, 160", "workspace, 60, 120", "telecom, 80, 160"})
    void should_accept_a_sensible_share_use_every_tool_and_write_the_same_shards_twice(String domain, int tasks, int episodes) throws Exception {
        Path out = run(domain, tasks, "first");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        long ran = manifest.get("episodes").asLong();
        double share = (double) manifest.get("accepted").asLong() / ran;
        assertTrue(ran >= episodes, "episodes " + ran);
        assertTrue(share >= 0.4 && share <= 0.9, domain + ": accepted share " + share + " " + manifest.get("rejected"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        Set<String> tools = new TreeSet<>();
        for (ToolDef tool : Domains.byName(domain).orElseThrow().world(0).tools()) tools.add(tool.name());
        Set<String> unused = new TreeSet<>(tools);
        unused.removeAll(toolsCalled(out, domain));
        assertTrue(tools.size() >= 10, domain + " tools: " + tools);
        assertEquals(Set.of(), unused, domain + " tools in no accepted trajectory");

        assertEquals(QuickstartTest.shardHashes(out), QuickstartTest.shardHashes(run(domain, tasks, "second")));
    }

    /** The domain's example config (with {@code tasks} when it is not 0) run into {@code name}. */
    private Path run(String domain, int tasks, String name) {
        Path out = tmp.resolve(name);
        String config = Path.of("..", "examples", domain + ".yaml").toString();
        CliRun run = tasks == 0 ? CliRun.of("run", config, "--out", out.toString(), "--quiet")
                : CliRun.of("run", config, "--set", "tasks=" + tasks, "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    private static Set<String> toolsCalled(Path out, String domain) throws Exception {
        Set<String> used = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            String shards = "read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet')";
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT domain FROM " + shards)) {
                assertTrue(rs.next());
                assertEquals(domain, rs.getString(1));
                assertFalse(rs.next());
            }
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT c.function.name FROM (SELECT unnest(m.tool_calls) AS c FROM "
                    + "(SELECT unnest(messages) AS m FROM " + shards + "))")) {
                while (rs.next()) used.add(rs.getString(1));
            }
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT c.name FROM (SELECT unnest(user_tool_calls) AS c FROM " + shards + ")")) {
                while (rs.next()) used.add(rs.getString(1));
            }
        }
        return used;
    }
}
