package dev.trajforge.collector.journal;

import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.simenv.Usage;

import java.util.List;
import java.util.Objects;

/**
 * One finished episode as the journal keeps it: its place in the run ({@code episode} index, the
 * {@code attempt} number), the export record (trajectory + verdict), what each role spent (the tool simulator's
 * calls for this episode's own tool calls included), the
 * infra-failure cause if any, and the task's intents (for pass@k per intent).
 */
public record JournalEntry(long episode, int attempt, ExportRecord record, Usage userUsage, Usage judgeUsage,
                           String failure, List<String> intents,
                           @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                                   valueFilter = NoUsage.class) Usage toolSimulatorUsage) {
    public JournalEntry {
        if (episode < 0) throw new IllegalArgumentException("episode index must be >= 0, got " + episode);
        if (attempt < 1) throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        Objects.requireNonNull(record, "record");
        userUsage = userUsage == null ? Usage.NONE : userUsage;
        judgeUsage = judgeUsage == null ? Usage.NONE : judgeUsage;
        intents = intents == null ? List.of() : List.copyOf(intents);
        toolSimulatorUsage = toolSimulatorUsage == null ? Usage.NONE : toolSimulatorUsage;
    }

    /** An entry of an episode that simulated no tool. */
    public JournalEntry(long episode, int attempt, ExportRecord record, Usage userUsage, Usage judgeUsage, String failure, List<String> intents) {
        this(episode, attempt, record, userUsage, judgeUsage, failure, intents, Usage.NONE);
    }

    public RecordStatus status() {
        return record.status();
    }

    public Usage agentUsage() {
        return record.trajectory().usage();
    }

    /** Leaves a usage of nothing out of the journal line (most episodes simulate no tool; older lines have none). */
    static final class NoUsage {
        @Override
        public boolean equals(Object value) {
            return value == null || Usage.NONE.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
