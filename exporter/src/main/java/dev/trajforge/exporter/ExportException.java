package dev.trajforge.exporter;

import java.io.IOException;

/**
 * The export could not be written. The message names the path involved and the cause. Unchecked, so
 * {@link DatasetExport#write} and {@link DatasetExport#commit} can report I/O failures too; a failed
 * export never shows a {@code _SUCCESS} marker.
 */
public class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "cannot {action} {path}: {cause}". */
    static ExportException io(String action, Object path, IOException cause) {
        return new ExportException("cannot " + action + " " + path + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
