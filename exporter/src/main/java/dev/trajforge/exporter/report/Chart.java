package dev.trajforge.exporter.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One chart of the report and the table that shows its numbers without JavaScript: {@code labels} down the table's first
 * column (the chart's x axis, or its bars), one column per series. {@code kind} is {@code bar} or {@code line};
 * {@code stacked} stacks the series' bars. The page's script draws it with Chart.js from the same values.
 */
record Chart(String id, String kind, String title, String xTitle, String yTitle, List<String> labels, List<Series> series,
             boolean stacked) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    Chart {
        Objects.requireNonNull(title, "title");
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("chart id must match " + ID.pattern() + ", got " + id);
        if (!kind.equals("bar") && !kind.equals("line")) throw new IllegalArgumentException("chart " + id + ": kind must be bar or line, got " + kind);
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("chart " + id + ": series " + s.label() + " has " + s.values().size() + " values for "
                        + labels.size() + " labels");
            }
        }
    }

    /** A chart with nothing to draw (its section then says so instead). */
    boolean empty() {
        return labels.isEmpty();
    }

    /** One line or set of bars: a label and a value per label of the chart. */
    record Series(String label, List<Number> values) {
        Series {
            Objects.requireNonNull(label, "label");
            values = List.copyOf(values);
        }
    }
}
