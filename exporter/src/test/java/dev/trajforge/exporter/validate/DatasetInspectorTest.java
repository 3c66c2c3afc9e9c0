package dev.trajforge.exporter.validate;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What inspect shows of an export directory and of one shard. */
class DatasetInspectorTest {
    @TempDir
    static Path dir;
    static Path export;

    @BeforeAll
    static void exportOnce() {
        export = Exports.good(dir.resolve("good"));
    }

    private static String inspect(String location, long row) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DatasetInspector.inspect(location, new Configuration(), row, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "missing '" + part + "' in:\n" + text);
        }
    }

    @Test
    void should_show_schema_splits_files_domains_and_the_first_trajectory_of_an_export() throws IOException {
        String out = inspect(export.toString(), 0);

        long trainRows = Crafted.shards(export, "train").stream().mapToLong(s -> Crafted.rows(export.resolve(s)).size()).sum();
        assertContains(out, "export file:" + export, "_SUCCESS present", "run validator-run  schema_version 6",
                "schema (32 columns):", "reward_checks        list<struct>", "messages             list<struct>", "tool_calls           list<struct>, nullable",
                "judge_score          double, nullable", "reject_reasons       list<string>",
                "splits:", String.format("train        %8d rows", trainRows), "validation", "rejected",
                Crafted.shards(export, "train").getFirst(),
                "domains:", "airline", "retail",
                "row 0 = " + Crafted.shards(export, "train").getFirst() + " row 0:");
    }

    @Test
    void should_render_a_trajectory_with_roles_tool_calls_and_arguments_and_abbreviated_tool_results() throws IOException {
        String out = inspect(export.toString(), 0);

        assertContains(out, "[0] system    You are a retail support agent.",
                "[1] user      Hi, please check my orders #W1001 and #W1002",
                "[2] assistant (reasoning) Look both orders up in parallel.",
                "call get_order_details {\"order_id\":\"#W1001\"}  [call_",
                "call get_order_details {\"order_id\":\"#W1002\"}",
                "[3] tool      get_order_details [call_",
                "-> {\"order_id\":\"#W1001\",\"status\":\"pending\",\"total\":42.5}",
                "-> Error: order #W1002 not found",
                "tools: 2 (get_order_details, cancel_pending_order)",
                "reward 1.0",
                "reward_checks: termination pass 1.0, state pass 1.0, info pass 1.0, confirmation pass 1.0");
        String longResult = "x".repeat(1000);
        assertTrue(Text.abbreviate(longResult, TrajectoryRenderer.TOOL_RESULT_CHARS).endsWith("… (1000 chars)"));
    }

    @Test
    void should_count_rows_over_the_splits_in_order_for_the_row_option() throws IOException {
        long train = Crafted.shards(export, "train").stream().mapToLong(s -> Crafted.rows(export.resolve(s)).size()).sum();
        String firstValidation = Crafted.shards(export, "validation").getFirst();

        String out = inspect(export.toString(), train);

        assertContains(out, "row " + train + " = " + firstValidation + " row 0:", "reward 1.0");
    }

    @Test
    void should_show_one_shard_with_its_footer_metadata() throws IOException {
        String shard = Crafted.shards(export, "rejected").getFirst();

        String out = inspect(export.resolve(shard).toString(), 0);

        assertContains(out, "shard file:" + export.resolve(shard), "compression ZSTD", "trajforge.run_id = validator-run",
                "trajforge.schema_version = 6", "schema (32 columns):", "domains:", "row 0:", "reward 0.0", "reject_reasons [",
                " FAIL 0.0");
    }

    @Test
    void should_refuse_a_row_out_of_range_and_a_missing_path() {
        assertThrows(IllegalArgumentException.class, () -> inspect(export.toString(), 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> inspect(export.toString(), -1));
        assertThrows(IOException.class, () -> inspect(dir.resolve("missing").toString(), 0));
    }
}
