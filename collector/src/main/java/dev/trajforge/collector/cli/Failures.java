package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.journal.JournalReadException;
import dev.trajforge.collector.run.RunDirectoryException;
import dev.trajforge.collector.run.RunLockedException;
import dev.trajforge.collector.run.TooManyInfraFailuresException;
import dev.trajforge.exporter.ExportException;

import java.io.PrintStream;

/** The one-line message and the documented exit code for each way a command can fail that is not a bug. */
final class Failures {
    private Failures() {
    }

    /** Prints {@code trajforge: <message>} and returns the exit code; anything unexpected is rethrown (picocli prints it, exit 1). */
    static int report(RuntimeException failure, PrintStream err) {
        int code = switch (failure) {
            case ConfigException e -> TrajforgeCli.EXIT_BAD_INPUT;
            case JournalReadException e -> TrajforgeCli.EXIT_BAD_INPUT;
            case RunDirectoryException e -> TrajforgeCli.EXIT_CANNOT_WRITE;
            case ExportException e -> TrajforgeCli.EXIT_CANNOT_WRITE;
            case RunLockedException e -> TrajforgeCli.EXIT_LOCKED;
            case TooManyInfraFailuresException e -> TrajforgeCli.EXIT_INFRA_FAILURES;
            default -> throw failure;
        };
        err.println("trajforge: " + failure.getMessage());
        return code;
    }
}
