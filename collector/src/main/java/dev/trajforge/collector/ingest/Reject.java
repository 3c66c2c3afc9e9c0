package dev.trajforge.collector.ingest;

/**
 * Why a line or session cannot become a valid session. Thrown inside a format's reading of one session
 * and turned into an {@link IngestItem.Rejected} there; {@code line} is 0 when the session's own line is meant.
 */
final class Reject extends RuntimeException {
    private final long line;

    Reject(String reason) {
        this(reason, 0);
    }

    Reject(String reason, long line) {
        super(reason, null, false, false);
        this.line = line;
    }

    String reason() {
        return getMessage();
    }

    long line() {
        return line;
    }
}
