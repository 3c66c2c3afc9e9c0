package dev.trajforge.simenv.imports;

/** Input that cannot be imported at all (a missing or unreadable file, a document that does not parse); the message names it. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
