package dev.trajforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.cli.TrajforgeCli;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart as a Spark job in local mode (local[2]) writes the rows, and the report, a single-process run writes. */
class LocalModeRunTest {
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("data-metric=\"([^\"]+)\">([^<]*)<");
    private static final Pattern CHART_DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    /** The report's charts made of the episodes (the others are made of the manifest's metrics). */
    private static final Set<String> EPISODE_CHARTS = Set.of("turns", "tool-calls-per-episode", "tokens", "tool-calls", "tool-errors", "personas",
            "faults", "judge-scores");

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path single;
    static Path sparkOut;

    @BeforeAll
    static void runBoth() {
        single = tmp.resolve("single");
        assertEquals(0, TrajforgeCli.execute("run", QUICKSTART.toString(), "--out", single.toString(), "--quiet"));
        spark = LocalSpark.start(LocalModeRunTest.class);
        sparkOut = tmp.resolve("spark");
        assertEquals(0, TrajforgeSpark.run(new String[] {"run", QUICKSTART.toString(), "--out", sparkOut.toString(), "--partitions", "6"}));
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void should_write_the_same_rows_by_id_and_content_as_a_single_process_run() throws Exception {
        Map<String, String> expected = SparkRows.of(single);
        Map<String, String> actual = SparkRows.of(sparkOut);
        assertTrue(expected.size() >= 500, "rows " + expected.size());
        assertEquals(expected.keySet(), actual.keySet());
        assertEquals(expected, actual);
    }

    @Test
    void should_count_in_the_manifest_what_the_single_process_manifest_counts() throws Exception {
        JsonNode one = JSON.readTree(single.resolve("manifest.json").toFile());
        JsonNode job = JSON.readTree(sparkOut.resolve("manifest.json").toFile());
        for (String key : new String[] {"episodes", "accepted", "rejected", "infra_failed", "splits", "usage", "models", "prompts_sha256", "config_sha256", "dedup"}) {
            assertEquals(one.get(key), job.get(key), key);
        }
        for (String key : new String[] {"model_calls", "rate_limits"}) { // {} and {}: the quickstart's roles are scripted
            assertEquals(one.at("/metrics/" + key), job.at("/metrics/" + key), key);
            assertTrue(job.at("/metrics/" + key).isObject(), key);
        }
        assertEquals(6, job.at("/metrics/spark/partitions").asInt());
        assertEquals(one.get("episodes").asLong(), job.at("/metrics/spark/episodes_run_by_this_job").asLong());
    }

    @Test
    void should_pass_trajforge_validate_and_end_with_success_and_a_card() {
        assertTrue(Files.exists(sparkOut.resolve("_SUCCESS")));
        assertTrue(Files.exists(sparkOut.resolve("README.md")));
        assertEquals(0, TrajforgeCli.execute("validate", sparkOut.toString()));
    }

    @Test
    void should_write_the_report_a_single_process_run_writes_with_the_same_sampled_trajectories_and_episode_figures() throws Exception {
        String one = Files.readString(single.resolve("report.html"));
        String job = Files.readString(sparkOut.resolve("report.html"));
        String viewer = section(job, "viewer");

        assertEquals(50, viewer.split("<li class=\"trajectory ").length - 1, "the default sample of 50 trajectories");
        assertTrue(viewer.contains("<span class=\"reason-tag\">duplicate</span>"), "a duplicate dedup removed is among them");
        assertEquals(section(one, "viewer"), viewer, "the same trajectories, shown the same way");
        assertEquals(metrics(one), metrics(job));
        assertEquals(metrics(job).get("episodes"), "1000");
        assertEquals(episodeCharts(one), episodeCharts(job));
        assertTrue(job.contains("Over 1000 episodes"), "every episode counted, the duplicates as rejected");
    }

    @Test
    void should_leave_a_committed_dataset_as_it_is_when_submitted_again() throws Exception {
        byte[] manifest = Files.readAllBytes(sparkOut.resolve("manifest.json"));
        assertEquals(0, TrajforgeSpark.run(new String[] {"run", QUICKSTART.toString(), "--out", sparkOut.toString()}));
        assertEquals(new String(manifest), Files.readString(sparkOut.resolve("manifest.json")));
    }

    /** The page's {@code <section id="NAME">}. */
    private static String section(String page, String name) {
        int start = page.indexOf("<section id=\"" + name + "\">");
        assertTrue(start >= 0, "section " + name);
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The manifest's figures the page shows: data-metric -> text. */
    private static Map<String, String> metrics(String page) {
        Map<String, String> shown = new TreeMap<>();
        Matcher m = METRIC.matcher(page);
        while (m.find()) shown.put(m.group(1), m.group(2));
        return shown;
    }

    private static Map<String, JsonNode> episodeCharts(String page) throws Exception {
        Matcher m = CHART_DATA.matcher(page);
        assertTrue(m.find(), "chart data");
        Map<String, JsonNode> charts = new TreeMap<>();
        for (JsonNode chart : JSON.readTree(m.group(1))) {
            if (EPISODE_CHARTS.contains(chart.path("id").asText())) charts.put(chart.path("id").asText(), chart);
        }
        assertTrue(charts.containsKey("turns") && charts.containsKey("tool-calls"), "charts " + charts.keySet());
        return charts;
    }
}
