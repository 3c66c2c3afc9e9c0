package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.journal.JournalReadException;
import dev.trajforge.collector.run.RunDirectoryException;
import dev.trajforge.collector.run.RunLockedException;
import dev.trajforge.collector.run.TooManyInfraFailuresException;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.simenv.pack.PackException;
import dev.trajforge.simenv.pack.PackProblem;

import java.io.PrintStream;

/** The one-line message and the documented exit code for each way a command can fail that is not a bug. */
final class Failures {
    private Failures() {
    }

    /** Prints {@code trajforge: <message>} and returns the exit code; anything unexpected is rethrown (picocli prints it, exit 1). */
    static int report(RuntimeException failure, PrintStream err) {
        if (failure instanceof PackException pack) return packProblems(pack, err);
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

    /**
     * A domain pack that cannot be used: {@code trajforge: domain pack P has N problems:}, then every problem on a line of
     * its own as {@code path/file:line: key: message}; exit 2.
     */
    static int packProblems(PackException failure, PrintStream err) {
        int count = failure.problems().size();
        err.println("trajforge: domain pack " + failure.pack() + " has " + count + " problem" + (count == 1 ? "" : "s") + ":");
        for (PackProblem problem : failure.problems()) err.println(problem.toString(failure.pack()));
        return TrajforgeCli.EXIT_BAD_INPUT;
    }
}
