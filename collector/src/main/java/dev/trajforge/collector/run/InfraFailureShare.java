package dev.trajforge.collector.run;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The rule that a run mostly broken by its infrastructure is not committed as if it had worked. */
final class InfraFailureShare {
    private InfraFailureShare() {
    }

    /** Throws {@link TooManyInfraFailuresException} when more than {@code maxShare} of {@code episodes} failed for infrastructure reasons. */
    static void check(Map<String, Long> failuresByCause, long episodes, double maxShare) {
        long failed = failuresByCause.values().stream().mapToLong(Long::longValue).sum();
        if (episodes == 0 || failed == 0 || (double) failed / episodes <= maxShare) return;
        String causes = failuresByCause.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        throw new TooManyInfraFailuresException(String.format(Locale.ROOT,
                "%d of %d episodes (%.1f%%) failed for infrastructure reasons (%s), more than budget.maxInfraFailureShare %s;"
                        + " nothing committed. Fix the cause and run the same command (failed episodes run again, up to %d attempts),"
                        + " or raise budget.maxInfraFailureShare (--set budget.maxInfraFailureShare=1) to commit what there is",
                failed, episodes, 100.0 * failed / episodes, causes, maxShare, CollectionRun.MAX_ATTEMPTS));
    }
}
