package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dataset card's statistics, counted while the records stream through the export (after dedup, so a
 * removed duplicate counts as rejected): episodes and accepted episodes per domain and per intent, mean
 * user turns and tool calls per accepted episode, calls per tool name over the accepted episodes, and
 * how often each reward check passed. Memory is a few counters per distinct domain, intent, tool name
 * and check, never a row; at most {@value #MAX_TOOL_NAMES} tool names are told apart (an agent may call
 * tools that do not exist), later ones count under {@value #OTHER_TOOLS}. Rendered sorted, so the same
 * records give the same text.
 */
final class CardStats implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_TOOL_NAMES = 1_000;
    static final String OTHER_TOOLS = "(other tools)";
    /** The intent of an episode whose record names none. */
    static final String UNKNOWN_INTENT = "(unknown)";

    /** source (simulated, session) -> {episodes, accepted} */
    private final Map<String, long[]> sources = new HashMap<>();
    /** domain -> {episodes, accepted}; hash maps while counting (every record), sorted when rendered */
    private final Map<String, long[]> domains = new HashMap<>();
    /** intent -> {episodes, accepted}; an episode of a compound task counts under each of its intents */
    private final Map<String, long[]> intents = new HashMap<>();
    /** tool name -> calls in accepted episodes */
    private final Map<String, long[]> toolCalls = new HashMap<>();
    /** check name -> {passed, failed} and the summed score, in the order checks first appear */
    private final Map<String, CheckTally> checks = new LinkedHashMap<>();
    private final DomainStats byDomain = new DomainStats();
    private long accepted;
    private long acceptedTurns;
    private long acceptedToolCalls;

    void add(ExportRecord record) {
        boolean kept = record.status() == RecordStatus.ACCEPTED;
        byDomain.add(record);
        count(sources, record.trajectory().lineage().source(), kept);
        count(domains, record.trajectory().domain(), kept);
        List<String> named = record.intents();
        if (named.isEmpty()) {
            count(intents, UNKNOWN_INTENT, kept);
        } else {
            for (int i = 0; i < named.size(); i++) {
                if (named.indexOf(named.get(i)) == i) { // once per distinct intent
                    count(intents, named.get(i), kept);
                }
            }
        }
        for (RewardCheck check : record.checks()) {
            CheckTally tally = checks.computeIfAbsent(check.name(), k -> new CheckTally());
            if (check.passed()) tally.passed++; else tally.failed++;
            tally.scores += check.score();
        }
        if (kept) {
            accepted++;
            acceptedTurns += record.trajectory().numTurns();
            for (Message message : record.trajectory().messages()) {
                for (ToolCall call : message.toolCalls()) {
                    acceptedToolCalls++;
                    long[] calls = toolCalls.get(call.name());
                    if (calls == null) {
                        String name = toolCalls.size() < MAX_TOOL_NAMES ? call.name() : OTHER_TOOLS;
                        calls = toolCalls.computeIfAbsent(name, k -> new long[1]);
                    }
                    calls[0]++;
                }
            }
        }
    }

    /** Adds the statistics of another part of the same export (a Spark partition's) to these. */
    void merge(CardStats other) {
        byDomain.merge(other.byDomain);
        mergeCounts(sources, other.sources);
        mergeCounts(domains, other.domains);
        mergeCounts(intents, other.intents);
        other.toolCalls.forEach((name, calls) -> {
            String key = toolCalls.containsKey(name) || toolCalls.size() < MAX_TOOL_NAMES ? name : OTHER_TOOLS;
            toolCalls.computeIfAbsent(key, k -> new long[1])[0] += calls[0];
        });
        other.checks.forEach((name, theirs) -> {
            CheckTally mine = checks.computeIfAbsent(name, k -> new CheckTally());
            mine.passed += theirs.passed;
            mine.failed += theirs.failed;
            mine.scores += theirs.scores;
        });
        accepted += other.accepted;
        acceptedTurns += other.acceptedTurns;
        acceptedToolCalls += other.acceptedToolCalls;
    }

    private static void mergeCounts(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((key, counts) -> {
            long[] mine = into.computeIfAbsent(key, k -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) mine[i] += counts[i];
        });
    }

    private static void count(Map<String, long[]> table, String key, boolean kept) {
        long[] counts = table.computeIfAbsent(key, k -> new long[2]);
        counts[0]++;
        if (kept) counts[1]++;
    }

    /** The card's statistics sections, each a level-2 heading with a table. */
    String render() {
        StringBuilder md = new StringBuilder("## Contents\n\n");
        md.append(accepted).append(accepted == 1 ? " accepted episode" : " accepted episodes");
        if (accepted > 0) {
            md.append(", with on average ").append(mean(acceptedTurns, accepted)).append(" user turns and ")
              .append(mean(acceptedToolCalls, accepted)).append(" tool calls").append(accepted == 1 ? "" : " each");
        }
        md.append(".\n\n");
        table(md, "### Sources\n\n`simulated`: made against a simulated world; `session`: a real session imported and anonymized.\n\n",
                "source", new TreeMap<>(sources));
        table(md, "### Domains\n\n", "domain", new TreeMap<>(domains));
        domainDetails(md);
        table(md, "### Intents\n\nAn episode of a task with several intents counts under each of them.\n\n", "intent", new TreeMap<>(intents));

        md.append("### Tool calls\n\nCalls per tool over the accepted episodes, most called first.\n\n");
        if (toolCalls.isEmpty()) {
            md.append("No tool calls.\n\n");
        } else {
            md.append("| tool | calls |\n|---|---:|\n");
            List<Map.Entry<String, long[]>> sorted = new ArrayList<>(toolCalls.entrySet());
            sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry.comparingByKey()));
            sorted.forEach(e -> md.append("| ").append(cell(e.getKey())).append(" | ").append(e.getValue()[0]).append(" |\n"));
            md.append('\n');
        }

        md.append("### Reward checks\n\nHow the episodes that were judged fared on each entry of `reward_checks`, in check order.\n\n");
        if (checks.isEmpty()) {
            md.append("No checks recorded.\n\n");
        } else {
            md.append("| check | passed | failed | mean score |\n|---|---:|---:|---:|\n");
            checks.forEach((name, tally) -> md.append("| ").append(cell(name)).append(" | ").append(tally.passed).append(" | ")
                    .append(tally.failed).append(" | ").append(mean(tally.scores, tally.passed + tally.failed)).append(" |\n"));
            md.append('\n');
        }
        return md.toString();
    }

    /** Each domain's figures ({@link DomainStats}), as the manifest's {@code metrics.by_domain} holds them. */
    Map<String, DomainSummary> byDomain() {
        return byDomain.summaries();
    }

    private void domainDetails(StringBuilder md) {
        md.append("Per domain: where it came from (builtin, pack, imported from an MCP server or an OpenAPI document, synthesized;\n"
                + "with the model that answered its simulated tools), distinct tasks, tool coverage (tools called in accepted episodes,\n"
                + "of those offered), personas, and injected faults (accepted episodes that recovered from one).\n\n"
                + "| domain | origin | acceptance | distinct tasks | tool coverage | personas | faults (recovered) |\n|---|---|---:|---:|---:|---:|---:|\n");
        byDomain.summaries().forEach((domain, d) -> md.append("| ").append(cell(domain)).append(" | ")
                .append(cell(d.origin() == null ? "-" : d.origin() + (d.toolSimulator() == null ? "" : " (tools simulated by `" + d.toolSimulator() + "`)")))
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.1f%%", 100 * d.acceptance())).append(" | ").append(d.distinctTasks()).append(" | ")
                .append(d.toolsUsed()).append('/').append(d.toolsOffered()).append(" | ").append(d.personas().size()).append(" | ")
                .append(d.faults().values().stream().mapToLong(Long::longValue).sum()).append(" (").append(d.acceptedWithFaults()).append(") |\n"));
        md.append('\n');
    }

    private static void table(StringBuilder md, String heading, String column, Map<String, long[]> rows) {
        md.append(heading).append("| ").append(column).append(" | episodes | accepted |\n|---|---:|---:|\n");
        rows.forEach((key, counts) -> md.append("| ").append(cell(key)).append(" | ").append(counts[0]).append(" | ")
                .append(counts[1]).append(" |\n"));
        md.append('\n');
    }

    private static String mean(double sum, long count) {
        return String.format(Locale.ROOT, "%.2f", sum / count);
    }

    /** A table cell: no line breaks, pipes escaped. */
    static String cell(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace("|", "\\|");
    }

    /** One reward check's episodes that passed and failed it, and their summed score. */
    private static final class CheckTally implements Serializable {
        private static final long serialVersionUID = 1L;
        long passed;
        long failed;
        double scores;
    }
}
