package dev.trajforge.judge;

import java.util.Objects;

/** The outcome of one deterministic check. A failed check names its reject reason and says why. */
public record CheckResult(String check, boolean passed, String rejectReason, String detail) {
    public CheckResult {
        Objects.requireNonNull(check, "check");
        if (!passed && (rejectReason == null || rejectReason.isBlank())) {
            throw new IllegalArgumentException("failed check " + check + " needs a reject reason");
        }
        detail = detail == null ? "" : detail;
    }

    static CheckResult pass(String check) {
        return new CheckResult(check, true, null, "");
    }

    static CheckResult fail(String check, String rejectReason, String detail) {
        return new CheckResult(check, false, rejectReason, detail);
    }
}
