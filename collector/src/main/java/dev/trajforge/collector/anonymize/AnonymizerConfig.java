package dev.trajforge.collector.anonymize;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Which detectors run; a detector left out keeps its values (and counts none). */
public record AnonymizerConfig(Set<Detector> enabled) {
    public AnonymizerConfig {
        Objects.requireNonNull(enabled, "enabled detectors");
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    }

    public static AnonymizerConfig all() {
        return new AnonymizerConfig(EnumSet.allOf(Detector.class));
    }

    public boolean isEnabled(Detector detector) {
        return enabled.contains(detector);
    }
}
