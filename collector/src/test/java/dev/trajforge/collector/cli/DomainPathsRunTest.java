package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.LibraryPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run config whose {@code domainPaths} names a folder of packs runs a pack domain offline, end to end. */
class DomainPathsRunTest {
    private static final String CONFIG = """
            runId: library-run
            seed: 5
            domain: library
            tasks: 40
            trials: 2
            output: out
            domainPaths: [packs]
            """;

    @TempDir
    Path tmp;

    @Test
    void should_run_and_export_accepted_rows_of_a_pack_domain_found_through_domain_paths() throws Exception {
        LibraryPack.copyTo(tmp.resolve("packs/library"));
        Path config = Files.writeString(tmp.resolve("library.yaml"), CONFIG);
        Path out = tmp.resolve("export");

        CliRun run = CliRun.of("run", config.toString(), "--out", out.toString(), "--quiet");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(80, manifest.get("episodes").asLong());
        assertTrue(manifest.get("accepted").asLong() > 0, manifest.toString());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT domain, count(*), min(reward) FROM read_parquet('" + out.resolve("data").toAbsolutePath()
                     + "/*.parquet') GROUP BY domain")) {
            assertTrue(rs.next());
            assertEquals("library", rs.getString(1));
            assertEquals(manifest.get("accepted").asLong(), rs.getLong(2));
            assertEquals(1.0, rs.getDouble(3));
            assertFalse(rs.next(), "one domain");
        }
        assertEquals(0, CliRun.of("validate", out.toString()).exitCode());

        // the run directory records the packs' absolute folder: exporting from it needs neither the config nor its folder
        Path jsonl = tmp.resolve("jsonl");
        CliRun export = CliRun.of("export", out.resolve("_trajforge").toString(), "--out", jsonl.toString(), "--format", "openai-jsonl");
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.exists(jsonl.resolve("_SUCCESS")));
    }

    @Test
    void should_exit_2_naming_the_file_and_key_of_a_missing_domain_path_and_write_nothing() throws Exception {
        Path config = Files.writeString(tmp.resolve("library.yaml"), CONFIG);
        Path out = tmp.resolve("export");

        CliRun run = CliRun.of("run", config.toString(), "--out", out.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertEquals("trajforge: config " + config + ": key 'domainPaths[0]': no such folder: " + tmp.resolve("packs").toAbsolutePath().normalize(),
                run.err().strip());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void should_exit_2_with_the_file_line_and_key_of_each_problem_of_a_broken_pack_and_write_nothing() throws Exception {
        Path library = LibraryPack.copyTo(tmp.resolve("packs/library")).toAbsolutePath();
        LibraryPack.breakGoldStepTool(library);
        Path config = Files.writeString(tmp.resolve("library.yaml"), CONFIG);
        Path out = tmp.resolve("export");

        CliRun run = CliRun.of("run", config.toString(), "--out", out.toString());

        assertEquals(TrajforgeCli.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("trajforge: config " + config + ": key 'domainPaths[0]': domain pack " + library + " has 1 problem:"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.strip().equals(library.resolve("tasks.yaml")
                + ":17: intents[0].steps[1].tool: unknown tool 'lend_bok' (tools: get_book, get_member, lend_book, transfer_to_librarian)")), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
