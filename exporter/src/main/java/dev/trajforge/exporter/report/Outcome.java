package dev.trajforge.exporter.report;

import dev.trajforge.exporter.RecordStatus;

/** How an episode ended up in the dataset, as the report tells them apart. */
enum Outcome {
    ACCEPTED("accepted"),
    REJECTED("rejected"),
    INFRA_FAILED("infra_failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Outcome of(RecordStatus status) {
        return switch (status) {
            case ACCEPTED -> ACCEPTED;
            case REJECTED -> REJECTED;
            case INFRA_FAILED -> INFRA_FAILED;
        };
    }

    /** A stored row's outcome from its split: the {@code rejected} split holds rejected episodes, the others accepted ones. */
    static Outcome ofSplit(String split) {
        return "rejected".equals(split) ? REJECTED : ACCEPTED;
    }
}
