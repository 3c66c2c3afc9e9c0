package dev.trajforge.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trajforge}: manufactures multi-turn tool-use training data. */
@Command(name = "trajforge", mixinStandardHelpOptions = true, version = "trajforge 0.1.0",
        description = "Simulated tool environments + agents -> judged trajectories -> Parquet datasets.",
        subcommands = {RunCommand.class, CommitCommand.class, ExportCommand.class, ValidateCommand.class, InspectCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unexpected failure (a bug: please report it)", "2:bad config, input or output location",
                "3:aborted by a permanent provider error (bad credentials, unknown model); finished episodes are journaled",
                "4:stopped by a budget (maxCostUsd, maxEpisodes, maxWallSeconds); rerun the same command to resume"})
public final class TrajforgeCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_ABORTED = 3;
    public static final int EXIT_BUDGET = 4;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new TrajforgeCli()).execute(args);
    }
}
