package dev.trajforge.collector.ingest;

/** More of an import's input is broken than {@code --max-reject-rate} allows: nothing is committed. */
public final class TooManyRejectsException extends RuntimeException {
    private final transient SessionIngest.Read read;

    TooManyRejectsException(SessionIngest.Read read) {
        super(String.format(java.util.Locale.ROOT, "%d of %d inputs could not become sessions (%.1f%%, by reason: %s); nothing was written",
                read.rejected().size(), read.rejected().size() + read.sessions().size(), 100 * read.rejectRate(), read.rejectedByReason()));
        this.read = read;
    }

    public SessionIngest.Read read() {
        return read;
    }
}
