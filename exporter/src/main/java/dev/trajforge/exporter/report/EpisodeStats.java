package dev.trajforge.exporter.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report counts over the episodes while they stream (an export's every record, or the rows read back): the
 * distributions of turns, tool calls and tokens per episode (accepted against rejected), calls and errors per tool,
 * episodes per persona and injected faults by kind, and the LLM judge's scores. Memory is counters, never rows; at most
 * {@value #MAX_NAMES} tool and persona names are told apart, later ones count under {@value #OTHER}.
 *
 * <p>The statistics of disjoint sets of episodes (the parts of an export that several processes wrote) {@link #merge} into
 * those of their union, in the parts' order, exactly as if the episodes had streamed through one: except past
 * {@value #MAX_NAMES} distinct tool or persona names, where which names are told apart may differ (a part counts a name
 * under {@value #OTHER} once it saw {@value #MAX_NAMES} others, even if the whole export saw that name earlier).
 */
final class EpisodeStats implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_NAMES = 1_000;
    static final String OTHER = "(others)";
    private static final int JUDGE_BINS = 10;

    final Distribution turns = new Distribution();
    final Distribution toolCalls = new Distribution();
    final Distribution tokens = new Distribution();
    /** tool -> {calls in accepted, calls in rejected, errors}, in the order first seen */
    private final Map<String, long[]> tools = new LinkedHashMap<>();
    /** persona -> {accepted, rejected, infra failed}, in the order first seen */
    private final Map<String, long[]> personas = new LinkedHashMap<>();
    /** fault kind -> {in accepted, in rejected, in infra failed} */
    private final Map<String, long[]> faults = new LinkedHashMap<>();
    /** judge score bin -> {accepted, rejected} */
    private final long[][] judgeScores = new long[JUDGE_BINS][2];
    private long judged;
    private long episodes;
    private boolean toolErrorsNamed = true;

    void add(Episode e) {
        episodes++;
        int column = e.outcome().ordinal();
        turns.add(e.turns(), e.outcome());
        toolCalls.add(e.toolCalls(), e.outcome());
        if (e.tokens() != null) tokens.add(e.tokens(), e.outcome());
        if (e.outcome() != Outcome.INFRA_FAILED) e.toolsCalled().forEach(tool -> count(tools, tool, column));
        e.toolsFailed().forEach(tool -> count(tools, tool, 2));
        if (e.toolErrors() > e.toolsFailed().size()) toolErrorsNamed = false;
        count(personas, e.persona() == null ? "(unknown)" : e.persona(), column);
        for (String fault : e.faults()) faults.computeIfAbsent(kind(fault), k -> new long[3])[column]++;
        if (e.judgeScore() != null && e.outcome() != Outcome.INFRA_FAILED) {
            judged++;
            judgeScores[Math.min(JUDGE_BINS - 1, (int) (e.judgeScore() * JUDGE_BINS))][column]++;
        }
    }

    /** Adds the statistics of another, disjoint set of episodes (the next part of an export). */
    void merge(EpisodeStats other) {
        episodes += other.episodes;
        judged += other.judged;
        toolErrorsNamed &= other.toolErrorsNamed;
        turns.merge(other.turns);
        toolCalls.merge(other.toolCalls);
        tokens.merge(other.tokens);
        other.tools.forEach((tool, counts) -> count(tools, tool, counts));
        other.personas.forEach((persona, counts) -> count(personas, persona, counts));
        other.faults.forEach((kind, counts) -> add(faults.computeIfAbsent(kind, k -> new long[3]), counts));
        for (int bin = 0; bin < JUDGE_BINS; bin++) add(judgeScores[bin], other.judgeScores[bin]);
    }

    long episodes() {
        return episodes;
    }

    long judged() {
        return judged;
    }

    /** False when some tool errors could not be put down to a tool (stored rows do not say which call failed). */
    boolean toolErrorsNamed() {
        return toolErrorsNamed;
    }

    Chart histogram(String id, String title, String xTitle, Distribution distribution) {
        List<Distribution.Bin> bins = distribution.histogram(30);
        return new Chart(id, "bar", title, xTitle, "episodes", bins.stream().map(Distribution.Bin::label).toList(),
                List.of(new Chart.Series("accepted", bins.stream().map(b -> (Number) b.accepted()).toList()),
                        new Chart.Series("rejected", bins.stream().map(b -> (Number) b.rejected()).toList())), false);
    }

    /** Calls per tool in accepted and rejected episodes, most called first. */
    Chart toolUsage() {
        List<Map.Entry<String, long[]>> rows = mostFirst(tools, c -> c[0] + c[1]);
        return new Chart("tool-calls", "bar", "Tool calls per tool", "tool", "calls", names(rows),
                List.of(series("in accepted episodes", rows, 0), series("in rejected episodes", rows, 1)), true);
    }

    /** Calls that answered with an error, per tool, most first; tools without errors left out. */
    Chart toolErrors() {
        List<Map.Entry<String, long[]>> rows = mostFirst(tools, c -> c[2]).stream().filter(e -> e.getValue()[2] > 0).toList();
        return new Chart("tool-errors", "bar", "Tool errors per tool", "tool", "calls answered with an error", names(rows),
                List.of(series("errors", rows, 2)), false);
    }

    Chart personas() {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(new TreeMap<>(personas).entrySet());
        return new Chart("personas", "bar", "Episodes per persona", "persona", "episodes", names(rows),
                List.of(series("accepted", rows, 0), series("rejected", rows, 1), series("infra failed", rows, 2)), true);
    }

    Chart faults() {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(new TreeMap<>(faults).entrySet());
        return new Chart("faults", "bar", "Injected faults by kind", "fault", "faults", names(rows),
                List.of(series("in accepted episodes", rows, 0), series("in rejected episodes", rows, 1),
                        series("in infra-failed episodes", rows, 2)), true);
    }

    Chart judgeScores() {
        List<String> labels = new ArrayList<>();
        List<Number> accepted = new ArrayList<>();
        List<Number> rejected = new ArrayList<>();
        for (int i = 0; i < JUDGE_BINS; i++) {
            labels.add(String.format(java.util.Locale.ROOT, "%.1f–%.1f", i / (double) JUDGE_BINS, (i + 1) / (double) JUDGE_BINS));
            accepted.add(judgeScores[i][0]);
            rejected.add(judgeScores[i][1]);
        }
        return new Chart("judge-scores", "bar", "LLM judge scores", "score", "episodes", judged == 0 ? List.of() : labels,
                judged == 0 ? List.of() : List.of(new Chart.Series("accepted", accepted), new Chart.Series("rejected", rejected)), true);
    }

    private static void count(Map<String, long[]> table, String name, int column) {
        row(table, name)[column]++;
    }

    private static void count(Map<String, long[]> table, String name, long[] counts) {
        add(row(table, name), counts);
    }

    /** The counts of {@code name}, or of {@value #OTHER} once {@value #MAX_NAMES} names are told apart. */
    private static long[] row(Map<String, long[]> table, String name) {
        long[] counts = table.get(name);
        return counts != null ? counts : table.computeIfAbsent(table.size() < MAX_NAMES ? name : OTHER, k -> new long[3]);
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < counts.length; i++) into[i] += counts[i];
    }

    private static List<Map.Entry<String, long[]>> mostFirst(Map<String, long[]> table, java.util.function.ToLongFunction<long[]> weight) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(table.entrySet());
        rows.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -weight.applyAsLong(e.getValue())).thenComparing(Map.Entry.comparingByKey()));
        return rows;
    }

    private static List<String> names(List<Map.Entry<String, long[]>> rows) {
        return rows.stream().map(Map.Entry::getKey).toList();
    }

    private static Chart.Series series(String label, List<Map.Entry<String, long[]>> rows, int column) {
        return new Chart.Series(label, rows.stream().map(e -> (Number) e.getValue()[column]).toList());
    }

    /** The kind of a recorded fault: {@code timeout} of {@code timeout@get_order#3}. */
    static String kind(String fault) {
        int at = fault.indexOf('@');
        return at < 0 ? fault : fault.substring(0, at);
    }
}
