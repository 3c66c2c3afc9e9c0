package dev.trajforge.collector.journal;

/** A journal cannot be read back; the message is one line naming the file, the line and the reason. */
public final class JournalReadException extends RuntimeException {
    JournalReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
