package dev.trajforge.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trajforge ingest} as a product team runs it, in its own process with the pseudonym key in the
 * environment: three OpenAI-chat sessions full of personal data and one broken line go in; the shards
 * (read by DuckDB) hold none of the planted values and keep what is not personal; the broken line is in
 * rejects.jsonl with its line and reason; no file the command writes holds the key or a planted value.
 */
class IngestCliTest {
    private static final Path SESSIONS = Path.of("src/test/resources/ingest-cli/sessions.jsonl");
    private static final String KEY = "ingest-test-key-1f9a";
    private static final List<String> PLANTED = List.of("maria.lopez@gmail.com", "john.smith@outlook.com", "anna.k@web.de",
            "4111 1111 1111 1111", "5500 0000 0000 0004", "3782 822463 10005", "+1 650 253 0000", "+44 20 7946 0958", "+49 30 901820",
            "Maria Lopez", "John Smith", "Anna Keller");
    private static final List<String> KEPT = List.of("#W2072615", "#W8732210", "#W5512093", "Wireless Mouse", "$129.99");

    @TempDir
    Path tmp;

    private ChildCli cli(Map<String, String> environment, String... args) throws Exception {
        return ChildCli.run(tmp, environment, args);
    }

    @Test
    void should_export_the_sessions_anonymized_and_set_the_broken_line_aside_with_its_line() throws Exception {
        Path out = tmp.resolve("out");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", out.toString(),
                "--max-reject-rate", "0.5");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        String rows = shardsAsJson(out);
        for (String value : PLANTED) assertFalse(rows.contains(value), "planted value survived: " + value);
        for (String value : KEPT) assertTrue(rows.contains(value), "value that is not personal was lost: " + value);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT source, origin.format, origin.file, origin.line FROM read_parquet('"
                     + out.resolve("data").toAbsolutePath() + "/*.parquet') ORDER BY origin.line")) {
            List<Long> lines = new ArrayList<>();
            while (rs.next()) {
                assertEquals("session", rs.getString(1));
                assertEquals("openai-chat", rs.getString(2));
                assertEquals(SESSIONS.toString(), rs.getString(3));
                lines.add(rs.getLong(4));
            }
            assertEquals(List.of(1L, 2L, 3L), lines, "each row names the line its session came from");
        }

        JsonNode reject = new ObjectMapper().readTree(Files.readString(out.resolve("rejects.jsonl")).strip());
        assertEquals(4, reject.path("line").asLong());
        assertEquals("bad JSON", reject.path("reason").asText());

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("metrics");
        assertEquals(3, metrics.path("ingest_sessions").asInt());
        assertEquals(1, metrics.path("ingest_rejected_lines").path("bad JSON").asInt());
        assertTrue(metrics.path("anonymized_by_detector").path("email").asInt() >= 3, metrics.toString());

        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(KEY), "the key is in " + file);
                if (file.startsWith(out)) for (String value : PLANTED) assertFalse(text.contains(value), value + " is in " + file);
            }
        }
    }

    @Test
    void should_commit_nothing_when_more_is_broken_than_the_reject_rate_allows() throws Exception {
        Path out = tmp.resolve("out");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", out.toString(),
                "--max-reject-rate", "0.1");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("1 of 4 inputs could not become sessions"), run.err());
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void should_refuse_to_run_without_the_key_naming_the_variable_only() throws Exception {
        ChildCli run = cli(Map.of(), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(IngestCommand.KEY_VARIABLE), run.err());
    }

    @Test
    void should_print_masked_replacements_and_write_nothing_on_a_dry_run() throws Exception {
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("email"), run.out());
        for (String value : PLANTED) assertFalse(run.out().contains(value), "a dry run shows values masked: " + value);
    }

    @Test
    void should_export_sessions_in_another_format_the_exporter_has_with_a_card_that_counts_them() throws Exception {
        Path config = tmp.resolve("sessions.yaml");
        Files.writeString(config, "export:\n  format: sharegpt\n");
        Path out = tmp.resolve("out");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", out.toString(),
                "--max-reject-rate", "0.5", "--config", config.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> data = Files.list(out.resolve("data"))) {
            assertTrue(data.allMatch(f -> f.getFileName().toString().endsWith(".json")), "ShareGPT JSON files");
        }
        assertTrue(Files.readString(out.resolve("README.md")).contains("| session | 3 | 3 |"), "the card counts the sessions");
        CliRun validate = CliRun.of("validate", out.toString());
        assertEquals(0, validate.exitCode(), validate.out());
    }

    @Test
    void should_keep_what_a_detector_switched_off_in_the_config_would_have_replaced() throws Exception {
        Path config = tmp.resolve("sessions.yaml");
        Files.writeString(config, "anonymize:\n  detectors:\n    person_name: false\n");
        Path out = tmp.resolve("out");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", out.toString(),
                "--max-reject-rate", "0.5", "--config", config.toString());
        assertEquals(0, run.exitCode(), run.err());
        String rows = shardsAsJson(out);
        assertTrue(rows.contains("Maria Lopez"), "names are kept with person_name off");
        assertFalse(rows.contains("maria.lopez@gmail.com"), "the other detectors still run");
        JsonNode byDetector = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("metrics").path("anonymized_by_detector");
        assertFalse(byDetector.has("person_name"), byDetector.toString());
    }

    @Test
    void should_name_the_file_line_and_key_of_a_bad_sessions_config_and_write_nothing() throws Exception {
        Path config = tmp.resolve("sessions.yaml");
        Files.writeString(config, "judging:\n  threshold: 0.8\n  votes: 12\n");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out",
                tmp.resolve("out").toString(), "--config", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(config + ":3: key 'judging.votes': must be in [1, 9], got 12"), run.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("_SUCCESS")));

        Files.writeString(config, "anonymize:\n  detectors:\n    emial: false\n");
        run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out",
                tmp.resolve("out").toString(), "--config", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(config + ":3: key 'anonymize.detectors.emial': unknown detector"), run.err());
    }

    @Test
    void should_reject_sessions_whose_calls_do_not_fit_the_mapped_domains_tools() throws Exception {
        Path config = tmp.resolve("sessions.yaml");
        Files.writeString(config, "mapping:\n  domain: retail\n  tools:\n    get_order: get_order_details\n");
        Path out = tmp.resolve("out");
        ChildCli run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out", out.toString(),
                "--max-reject-rate", "0.5", "--config", config.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode rejected = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("rejected");
        assertTrue(rejected.path("tool_outside_domain").asInt() >= 1, "find_customer is no retail tool: " + rejected);

        Files.writeString(config, "mapping:\n  domain: retail\n  tools:\n    get_order: get_orders_everywhere\n");
        run = cli(Map.of(IngestCommand.KEY_VARIABLE, KEY), "ingest", SESSIONS.toString(), "--format", "openai-chat", "--out",
                tmp.resolve("out2").toString(), "--config", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(config + ":4: key 'mapping.tools.get_order': domain retail has no tool 'get_orders_everywhere'"), run.err());
    }

    private static String shardsAsJson(Path out) throws Exception {
        StringBuilder json = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT to_json(messages) FROM read_parquet('" + out.resolve("data").toAbsolutePath() + "/*.parquet')")) {
            while (rs.next()) json.append(rs.getString(1)).append('\n');
        }
        return json.toString();
    }
}
