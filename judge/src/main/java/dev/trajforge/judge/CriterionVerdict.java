package dev.trajforge.judge;

import java.util.Objects;

/** The judge's verdict on one rubric criterion, with the reason it gave first. */
public record CriterionVerdict(String criterion, String reason, boolean passed) {
    public CriterionVerdict {
        Objects.requireNonNull(criterion, "criterion");
        if (criterion.isBlank()) throw new IllegalArgumentException("criterion name is blank");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("criterion " + criterion + ": reason is blank");
    }
}
