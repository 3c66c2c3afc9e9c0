package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import dev.trajforge.simenv.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every record comes back as the contract's row, in write order within its split, whether parquet-java's
 * own reader or DuckDB reads the shards: what the writer's options must never change.
 */
class ParquetReadBackTest {
    @TempDir
    Path dir;

    @Test
    void should_read_back_every_record_as_the_contracts_row_with_parquet_java_and_duckdb() throws IOException {
        List<ExportRecord> records = new ArrayList<>(Fixtures.run(12, 3));
        records.addAll(unusualRecords());
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true), records);

        assertEquals(expectedRows(records), readBack(out, result));
    }

    @Test
    void should_read_back_every_row_in_order_when_the_rows_span_row_groups_pages_and_shards() throws IOException {
        List<ExportRecord> records = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (ExportRecord record : Fixtures.run(300, 3)) { // a distinct 12 KB answer per row: its dictionary fills, pages and row groups end
            List<Message> messages = new ArrayList<>(record.trajectory().messages());
            messages.set(5, Message.assistant(random.ints(12_000, 'a', 'z' + 1)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()));
            records.add(Fixtures.withMessages(record, messages));
        }
        Path out = dir.resolve("out");
        ExportResult result = Fixtures.export(Fixtures.settings(out, true).withSizes(2_000_000, 256 << 10), records);

        assertTrue(result.files().stream().filter(f -> f.split().equals("train")).count() > 1, "rolled shards: " + result.files());
        int rowGroups = 0;
        for (ExportResult.ShardFile file : result.files()) {
            rowGroups += ReadBack.rowGroups(out.resolve(file.path())).size();
        }
        assertTrue(rowGroups > result.files().size(), rowGroups + " row groups in " + result.files().size() + " shards");
        assertEquals(expectedRows(records), readBack(out, result));
    }

    /**
     * A message with both text and calls, non-ASCII text, empty strings, a 2 MiB answer (past the dictionary and page sizes),
     * and a dual-control row: the user's own call on their phone.
     */
    private static List<ExportRecord> unusualRecords() {
        ToolCall call = new ToolCall("call_ü_1", "get_order_details", "{\"order_id\":\"#W1001\",\"note\":\"café ☕\"}");
        List<Message> messages = List.of(
                Message.system("You are a retail support agent. Follow the policy: confirm before cancelling."),
                Message.user("Bonjour, où est ma commande #W1001 ? 日本語も大丈夫です 🚀"),
                Message.assistant("Je regarde.", "", List.of(call)),
                Message.tool(ToolResult.ok(call, "")),
                Message.assistant("x".repeat(2 << 20)));
        Trajectory plain = Fixtures.trajectory("retail-task-92", 0, messages);
        ToolCall onPhone = new ToolCall("user_call_1", "toggle_airplane_mode", "{\"phone_number\":\"555-0100\",\"enabled\":false}");
        Trajectory dualControl = new Trajectory(plain.id(), "telecom", plain.taskId(), plain.persona(), 0, plain.seed(), messages, plain.toolsJson(),
                plain.termination(), plain.finalStateHash(), plain.usage(), plain.lineage(), List.of(), List.of(),
                "[{\"type\":\"function\",\"function\":{\"name\":\"toggle_airplane_mode\",\"parameters\":{\"type\":\"object\"}}}]",
                List.of(dev.trajforge.simenv.UserToolCall.of(1, ToolResult.ok(onPhone, "Airplane mode is now off. ✈"), onPhone)));
        return List.of(
                ExportRecord.accepted(Fixtures.trajectory("retail-task-90", 0, messages), 0.5, 0.25, "näive ✓", "scripted/judge-v1"),
                ExportRecord.rejected(Fixtures.trajectory("retail-task-91", 0, messages), null, null, null, List.of("max_turns")),
                ExportRecord.accepted(dualControl, 1.0, null, null, null));
    }

    /** Per split, the contract's rows of the records written to it, in write order. */
    private static Map<String, List<JsonNode>> expectedRows(List<ExportRecord> records) {
        SplitAssigner splits = new SplitAssigner(0.3);
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        for (ExportRecord record : records) {
            String split = switch (record.status()) {
                case ACCEPTED -> splits.splitOf(record.trajectory().taskId());
                case REJECTED -> SplitAssigner.REJECTED;
                case INFRA_FAILED -> null;
            };
            if (split != null) {
                rows.computeIfAbsent(split, s -> new ArrayList<>()).add(ContractRows.of(record));
            }
        }
        return rows;
    }

    /** Per split, the rows of its shards in shard order, read by parquet-java after checking DuckDB reads the same. */
    private static Map<String, List<JsonNode>> readBack(Path out, ExportResult result) throws IOException {
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        for (ExportResult.ShardFile file : result.files()) {
            List<JsonNode> read = ReadBack.parquetJava(out.resolve(file.path()));
            assertEquals(read, ReadBack.duckDb(out.resolve(file.path())), file.path());
            assertEquals(file.rows(), read.size(), file.path());
            rows.computeIfAbsent(file.split(), s -> new ArrayList<>()).addAll(read);
        }
        return rows;
    }
}
