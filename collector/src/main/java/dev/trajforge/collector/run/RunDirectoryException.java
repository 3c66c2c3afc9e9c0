package dev.trajforge.collector.run;

import java.io.IOException;

/**
 * The run directory cannot be written (a full disk, lost permissions, a broken share): the run stops
 * scheduling episodes at once; what is journaled stays, and the same command resumes once it is fixed.
 * The message is one line naming the file and the operating system's cause.
 */
public final class RunDirectoryException extends RuntimeException {
    RunDirectoryException(String what, IOException cause) {
        super(what + ": " + describe(cause), cause);
    }

    RunDirectoryException(String message, RuntimeException cause) {
        super(message, cause);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) message = fs.getReason();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
