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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart as a Spark job in local mode (local[2]) writes the rows a single-process run writes. */
class LocalModeRunTest {
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path single;
    static Path sparkOut;

    @BeforeAll
    static void runBoth() {
        single = tmp.resolve("single");
        assertEquals(0, TrajforgeCli.execute("run", QUICKSTART.toString(), "--out", single.toString(), "--quiet"));
        spark = SparkSession.builder().master("local[2]").appName("LocalModeRunTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
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
    void should_leave_a_committed_dataset_as_it_is_when_submitted_again() throws Exception {
        byte[] manifest = Files.readAllBytes(sparkOut.resolve("manifest.json"));
        assertEquals(0, TrajforgeSpark.run(new String[] {"run", QUICKSTART.toString(), "--out", sparkOut.toString()}));
        assertEquals(new String(manifest), Files.readString(sparkOut.resolve("manifest.json")));
    }
}
