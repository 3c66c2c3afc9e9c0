package dev.trajforge.simenv.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an import mapped and what it skipped, with the reason: one operation or tool that cannot be mapped is
 * reported here and left out, never a failure of the whole import.
 */
public record ImportReport(List<Mapped> mapped, List<Skipped> skipped, List<String> notes) {
    /** A tool made from {@code source} (an operation such as {@code GET /pet/{petId}}, or an MCP tool's name). */
    public record Mapped(String tool, String source, String kind, String action, String collection) {
        public Mapped {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Something left out, and why. */
    public record Skipped(String source, String reason) {
        public Skipped {
            Objects.requireNonNull(source, "source");
            Drafts.requireText(reason, "skip reason");
        }
    }

    public ImportReport {
        mapped = List.copyOf(mapped);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** A report being filled while importing. */
    static final class Builder {
        private final List<Mapped> mapped = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        void mapped(DraftTool tool, String source) {
            DraftTool.Simulation hints = tool.simulation();
            mapped.add(new Mapped(tool.name(), source, tool.kind().wireName(), hints.action().wireName(), hints.collection()));
        }

        void skipped(String source, String reason) {
            skipped.add(new Skipped(source, reason));
        }

        void note(String note) {
            notes.add(note);
        }

        ImportReport build() {
            return new ImportReport(mapped, skipped, notes);
        }
    }
}
