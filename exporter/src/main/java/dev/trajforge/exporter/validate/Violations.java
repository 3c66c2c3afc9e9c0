package dev.trajforge.exporter.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects violations in the order they are found. A per-row rule that breaks on many rows of one file
 * is listed for its first {@link #PER_RULE_AND_FILE} rows, then summed up in one line, so a systematically
 * broken shard of a million rows gives a readable report.
 */
final class Violations {
    static final int PER_RULE_AND_FILE = 10;

    private final List<Violation> listed = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Violation> firstOmitted = new LinkedHashMap<>();

    void add(Violation violation) {
        if (violation.row() == null) {
            listed.add(violation);
            return;
        }
        String key = violation.rule() + '\u0000' + violation.file();
        long seen = counts.merge(key, 1L, Long::sum);
        if (seen <= PER_RULE_AND_FILE) {
            listed.add(violation);
        } else {
            firstOmitted.putIfAbsent(key, violation);
        }
    }

    void add(Rule rule, String file, String message) {
        add(Violation.of(rule, file, message));
    }

    void add(Rule rule, String file, long row, String message) {
        add(Violation.at(rule, file, row, message));
    }

    boolean any(Rule rule, String file) {
        return listed.stream().anyMatch(v -> v.rule().equals(rule.id()) && v.file().equals(file));
    }

    List<Violation> all() {
        List<Violation> out = new ArrayList<>(listed);
        firstOmitted.forEach((key, first) -> {
            long more = counts.get(key) - PER_RULE_AND_FILE;
            out.add(new Violation(first.rule(), first.file(), null,
                    more + " more row" + (more == 1 ? "" : "s") + " break this rule (first listed: " + PER_RULE_AND_FILE
                            + "; next at row " + first.row() + ": " + first.message() + ")"));
        });
        return List.copyOf(out);
    }
}
