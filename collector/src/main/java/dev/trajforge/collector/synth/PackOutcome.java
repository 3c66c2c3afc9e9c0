package dev.trajforge.collector.synth;

import java.util.List;
import java.util.Objects;

/** Where a domain ended: a pack under {@code packs/} that keeps the domain contract, or {@code rejected/} with the reasons. */
record PackOutcome(String name, boolean accepted, String stage, List<String> reasons) {
    PackOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        reasons = List.copyOf(reasons);
        if (!accepted && reasons.isEmpty()) throw new IllegalArgumentException(name + ": a rejected pack has reasons");
    }
}
