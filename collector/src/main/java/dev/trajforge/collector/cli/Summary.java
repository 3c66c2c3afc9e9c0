package dev.trajforge.collector.cli;

import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.ExportResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The run's final summary on stdout: counts by outcome and reason, files, speed. */
final class Summary {
    private Summary() {
    }

    static void print(RunReport report, PrintStream out) {
        ExportResult export = report.export();
        if (export == null) {
            out.printf(Locale.ROOT, "run %s: %d episodes run in %.1f s (%.1f episodes/s); %s%n", report.runId(), report.episodesRun(),
                    report.elapsed().toMillis() / 1000.0, report.episodesPerSecond(), report.detail());
            return;
        }
        long episodes = export.episodes();
        if (report.episodesRun() == 0) {
            out.printf(Locale.ROOT, "run %s: %d episodes written from the journal in %.1f s (none run now)%n", report.runId(), episodes,
                    report.elapsed().toMillis() / 1000.0);
        } else {
            out.printf(Locale.ROOT, "run %s: %d episodes in %.1f s (%.1f episodes/s)%s%n", report.runId(), episodes,
                    report.elapsed().toMillis() / 1000.0, report.episodesPerSecond(),
                    report.episodesRun() < episodes ? " — resumed: " + report.episodesRun() + " run now, the rest from the journal" : "");
        }
        out.printf(Locale.ROOT, "  accepted      %6d  (%s)%n", export.accepted(), percent(export.accepted(), episodes));
        out.printf(Locale.ROOT, "  rejected      %6d  (%s)%s%n", export.rejectedTotal(), percent(export.rejectedTotal(), episodes),
                export.rejected().isEmpty() ? "" : "  " + export.rejected().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  infra failed  %6d%s%n", export.infraFailed(), report.infraFailures().isEmpty() ? "" : "  "
                + report.infraFailures().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        spend(export, out);
        if (export.byDomain().size() > 1) {
            out.println("  by domain:");
            export.byDomain().forEach((domain, d) -> out.printf(Locale.ROOT, "    %-12s %6d episodes, accepted %s, %d distinct tasks, tools %d/%d%s%s%n",
                    domain, d.episodes(), percent(d.accepted(), d.episodes()), d.distinctTasks(), d.toolsUsed(), d.toolsOffered(),
                    d.rejected().isEmpty() ? "" : "; rejected " + d.rejected().entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    d.faults().isEmpty() ? "" : "; faults " + d.faults() + " (" + d.acceptedWithFaults() + " recovered)"));
        }
        out.println("  files:");
        for (ExportResult.ShardFile file : export.files()) {
            out.printf(Locale.ROOT, "    %-42s %6d rows  %8.1f KiB%n", file.path(), file.rows(), file.bytes() / 1024.0);
        }
        out.println("  output: " + export.outputUri() + "  (manifest.json, README.md, report.html, _SUCCESS)");
        out.println("  report: " + reportPath(export.outputUri()));
    }

    /** Where an export's {@code report.html} is: a plain path for a local export (to open in a browser), else its URI. */
    static String reportPath(java.net.URI output) {
        String root = output.toString().replaceAll("/+$", "");
        if ("file".equals(output.getScheme())) return java.nio.file.Path.of(output).resolve(dev.trajforge.exporter.report.HtmlReport.FILE_NAME).toString();
        return root + "/" + dev.trajforge.exporter.report.HtmlReport.FILE_NAME;
    }

    /** True when every model the export names for this role is a scripted one ({@code scripted/...}). */
    private static boolean playedByScript(ExportResult export, String role) {
        var models = export.models().get(role);
        return models != null && !models.isEmpty() && models.stream().allMatch(model -> model.startsWith("scripted/"));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /**
     * What the models cost, in all and per accepted trajectory, by role, input from a prompt cache apart; only the roles
     * a real model played (nothing for the offline quickstart, whose scripted roles cost nothing).
     */
    private static void spend(ExportResult export, PrintStream out) {
        var roles = new java.util.TreeMap<>(export.usage().roles());
        roles.entrySet().removeIf(role -> role.getValue().calls() == 0 || playedByScript(export, role.getKey()));
        if (roles.isEmpty()) return;
        double total = roles.values().stream().mapToDouble(dev.trajforge.exporter.UsageTotals.RoleUsage::costUsd).sum();
        long accepted = Math.max(1, export.accepted());
        out.printf(Locale.ROOT, "  spend         $%.4f, $%.6f per accepted trajectory%n", total, total / accepted);
        roles.forEach((role, u) -> {
            if (u.calls() == 0) return;
            out.printf(Locale.ROOT, "    %-14s %6d calls; per accepted: %.0f prompt tokens (%.0f cached), %.0f completion, $%.6f%n", role, u.calls(),
                    (double) u.promptTokens() / accepted, (double) u.cachedPromptTokens() / accepted, (double) u.completionTokens() / accepted,
                    u.costUsd() / accepted);
        });
    }
}
