package dev.trajforge.collector.cli;

import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.ExportFormat;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.exporter.UsageTotals.RoleUsage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void anOfflineRunPrintsNoSpendForItsScriptedRoles() {
        String printed = summaryOf(Map.of("agent", models("scripted/oracle-agent"), "user", models("scripted/persona-user")),
                Map.of("agent", new RoleUsage(7086, 7_556_000, 174_000, 0.0), "user", new RoleUsage(4000, 0, 0, 0.0)));

        assertFalse(printed.contains("spend"), printed);
        assertFalse(printed.contains("per accepted"), printed);
    }

    @Test
    void aRunWithARealModelPrintsItsSpendPerAcceptedTrajectoryByRoleCachedInputApart() {
        String printed = summaryOf(Map.of("agent", models("openai/gpt-4.1-mini"), "user", models("scripted/persona-user")),
                Map.of("agent", new RoleUsage(40, 100_000, 2_000, 0.50, 80_000), "user", new RoleUsage(30, 0, 0, 0.0)));

        assertTrue(printed.contains("  spend         $0.5000, $0.050000 per accepted trajectory\n"), printed);
        assertTrue(printed.contains("    agent              40 calls; per accepted: 10000 prompt tokens (8000 cached), 200 completion, $0.050000\n"), printed);
        assertFalse(printed.contains("    user "), printed);
    }

    private static SortedSet<String> models(String model) {
        return new TreeSet<>(List.of(model));
    }

    private static String summaryOf(Map<String, SortedSet<String>> models, Map<String, RoleUsage> usage) {
        var export = new ExportResult(URI.create("file:/tmp/out"), 12, 10, Map.of("final_state_mismatch", 2L), 0, Map.of("train", 10L),
                List.of(new ExportResult.ShardFile("data/train-00000-of-00001.parquet", 10, 1000, "0".repeat(64))), Map.of(), models, ExportFormat.HF_PARQUET, ExportResult.Duplicates.NONE, Map.of(), new UsageTotals(usage));
        var report = new RunReport("r", RunReport.Status.COMMITTED, export, Duration.ofSeconds(2), 12, Map.of(), "");
        var bytes = new ByteArrayOutputStream();
        Summary.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
