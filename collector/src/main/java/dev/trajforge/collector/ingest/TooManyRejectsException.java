package dev.trajforge.collector.ingest;

import java.util.Map;

/** More of an import's input is broken than {@code --max-reject-rate} allows: nothing is committed. */
public final class TooManyRejectsException extends RuntimeException {
    TooManyRejectsException(long sessions, long rejected, Map<String, Long> byReason) {
        super(String.format(java.util.Locale.ROOT, "%d of %d inputs could not become sessions (%.1f%%, by reason: %s); nothing was written",
                rejected, rejected + sessions, 100 * SessionIngest.Outcome.rejectRate(sessions, rejected), byReason));
    }
}
