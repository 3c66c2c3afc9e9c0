package dev.trajforge.exporter.validate;

import java.util.Objects;

/**
 * One broken rule of the dataset contract.
 *
 * @param rule    the stable id of the rule, one of {@link Rule#id()}
 * @param file    the file it is about, relative to the export root ({@code manifest.json},
 *                {@code data/train-00000-of-00001.parquet}, ...)
 * @param row     the 0-based row in {@code file} for per-row rules (the index {@code datasets} uses), else null
 * @param message what is wrong, with the values involved
 */
public record Violation(String rule, String file, Long row, String message) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (row != null && row < 0) {
            throw new IllegalArgumentException("row must be >= 0, got " + row);
        }
    }

    static Violation of(Rule rule, String file, String message) {
        return new Violation(rule.id(), file, null, message);
    }

    static Violation at(Rule rule, String file, long row, String message) {
        return new Violation(rule.id(), file, row, message);
    }

    /** {@code file:row: rule: message}, or {@code file: rule: message} when the rule is not about one row. */
    public String render() {
        return file + (row == null ? "" : ":" + row) + ": " + rule + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
