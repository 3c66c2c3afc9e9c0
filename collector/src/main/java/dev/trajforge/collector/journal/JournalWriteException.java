package dev.trajforge.collector.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A journal append (or its fsync) failed; {@link #getMessage()} is one line naming the file and the OS's cause. */
public final class JournalWriteException extends RuntimeException {
    private final Path file;

    JournalWriteException(Path file, IOException cause) {
        super("cannot write the run journal " + file + ": " + reason(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String reason(IOException e) {
        String message = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
