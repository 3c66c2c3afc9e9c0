package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.simenv.Domains;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/all-domains.yaml} offline: every built-in domain in one run, each with a sensible
 * acceptance and every one of its tools in some accepted trajectory; the persona catalog's styles and
 * both languages among the accepted rows; rows that recovered from an injected fault among them.
 */
class AllDomainsRunTest {
    private static final Path CONFIG = Path.of("..", "examples", "all-domains.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static JsonNode byDomain;

    @BeforeAll
    static void run() throws Exception {
        CliRun run = CliRun.of("run", CONFIG.toString(), "--quiet", "--out", tmp.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        byDomain = JSON.readTree(tmp.resolve("out").resolve("manifest.json").toFile()).path("metrics").path("by_domain");
    }

    @Test
    void should_hold_every_built_in_domain_with_every_tool_used_and_a_sensible_acceptance() {
        Set<String> domains = new TreeSet<>();
        byDomain.fieldNames().forEachRemaining(domains::add);
        assertEquals(new TreeSet<>(Domains.discover(List.of()).keySet()), domains, "the example names every domain on the class path");
        byDomain.fields().forEachRemaining(e -> {
            JsonNode d = e.getValue();
            double acceptance = d.path("accepted").asDouble() / d.path("episodes").asDouble();
            assertTrue(acceptance >= 0.4 && acceptance <= 0.9, e.getKey() + " acceptance " + acceptance);
            assertEquals(d.path("tools_offered").asInt(), d.path("tools_used").asInt(), e.getKey() + ": every tool in an accepted trajectory");
            assertTrue(d.path("accepted_with_faults").asLong() > 0, e.getKey() + ": accepted rows that recovered from a fault");
        });
    }

    @Test
    void should_have_the_telecom_users_own_calls_on_their_phone_among_the_accepted_rows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT domain, count(DISTINCT c.name) FROM (SELECT domain, unnest(user_tool_calls) AS c FROM read_parquet('"
                     + tmp.resolve("out").resolve("data").toAbsolutePath() + "/*.parquet')) GROUP BY domain")) {
            assertTrue(rs.next());
            assertEquals("telecom", rs.getString(1), "only the dual-control domain has user-side calls");
            assertEquals(8, rs.getInt(2), "every phone tool, called by the user");
            assertFalse(rs.next());
        }
    }

    @Test
    void should_write_the_same_shards_when_run_again() throws Exception {
        Path again = tmp.resolve("again");
        CliRun run = CliRun.of("run", CONFIG.toString(), "--quiet", "--out", again.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(QuickstartTest.shardHashes(tmp.resolve("out")), QuickstartTest.shardHashes(again));
    }

    @Test
    void should_have_eight_styles_and_two_languages_among_the_accepted_rows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(DISTINCT persona_traits.style), count(DISTINCT persona_traits.language), count(DISTINCT persona), "
                     + "count(*) FILTER (WHERE list_contains(list_transform(faults, f -> split_part(f, '@', 1)), 'transient')) "
                     + "FROM read_parquet('" + tmp.resolve("out").resolve("data").toAbsolutePath() + "/*.parquet')")) {
            assertTrue(rs.next());
            assertEquals(8, rs.getInt(1), "styles");
            assertEquals(2, rs.getInt(2), "languages");
            assertTrue(rs.getInt(3) >= 8, "personas: " + rs.getInt(3));
            assertTrue(rs.getInt(4) > 0, "accepted rows with a recovered transient fault");
        }
    }
}
