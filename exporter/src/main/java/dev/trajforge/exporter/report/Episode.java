package dev.trajforge.exporter.report;

import java.util.List;
import java.util.Objects;

/**
 * What the report counts of one episode, whether it came from the records an export streams or from a stored row.
 * {@code domain} and {@code persona} are null where the rows do not say (the JSON formats); so are {@code tokens}
 * and {@code judgeScore} where unknown or where no LLM judge ran. {@code toolsFailed} names the tool of each call that
 * answered with an error, as far as the source tells (a stored row does not: its messages carry no error flag).
 */
record Episode(String id, Outcome outcome, String domain, String persona, List<String> reasons, int turns, int toolCalls,
               int toolErrors, Long tokens, Double judgeScore, List<String> faults, List<String> toolsCalled,
               List<String> toolsFailed) {
    Episode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        faults = List.copyOf(faults);
        toolsCalled = List.copyOf(toolsCalled);
        toolsFailed = List.copyOf(toolsFailed);
        if (turns < 0 || toolCalls < 0 || toolErrors < 0) {
            throw new IllegalArgumentException("episode " + id + ": counts must be >= 0, got turns " + turns + ", tool calls "
                    + toolCalls + ", tool errors " + toolErrors);
        }
        if (tokens != null && tokens < 0) throw new IllegalArgumentException("episode " + id + ": tokens must be >= 0, got " + tokens);
    }
}
