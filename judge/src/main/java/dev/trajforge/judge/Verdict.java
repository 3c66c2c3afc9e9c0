package dev.trajforge.judge;

import java.util.List;
import java.util.Objects;

/**
 * The filter's decision on one trajectory. {@code reasons} are the failed checks' reject reasons in
 * check order (the first is the one counted in the manifest); infra failures carry their cause.
 */
public record Verdict(Status status, List<String> reasons, List<CheckResult> checks) {
    public enum Status { ACCEPTED, REJECTED, INFRA_FAILED }

    public Verdict {
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        if (status == Status.ACCEPTED && !reasons.isEmpty()) throw new IllegalArgumentException("accepted verdict with reasons " + reasons);
        if (status != Status.ACCEPTED && reasons.isEmpty()) throw new IllegalArgumentException(status + " verdict needs a reason");
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** 1.0 when every deterministic check passed, else 0.0. */
    public double reward() {
        return accepted() ? 1.0 : 0.0;
    }
}
