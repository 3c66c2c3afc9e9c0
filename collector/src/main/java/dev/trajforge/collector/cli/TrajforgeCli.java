package dev.trajforge.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code trajforge}: manufactures multi-turn tool-use training data. */
@Command(name = "trajforge", mixinStandardHelpOptions = true, version = "trajforge 0.1.0",
        description = "Simulated tool environments + agents -> judged trajectories -> Parquet datasets.",
        subcommands = {RunCommand.class, CommitCommand.class, IngestCommand.class, JudgeCommand.class, ExportCommand.class, ValidateCommand.class, InspectCommand.class, ReportCommand.class, DomainsCommand.class, SynthesizeCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unexpected failure (a bug: please report it)", "2:bad config, input or output location",
                "3:aborted by a permanent provider error (bad credentials, unknown model); finished episodes are journaled",
                "4:stopped by a budget (maxCostUsd, maxEpisodes, maxWallSeconds); rerun the same command to resume",
                "5:cannot write the run directory or the output (a full disk, permissions); what was journaled is kept, rerun to resume",
                "6:refused: another process holds this run (the same worker, or the commit); the message names it",
                "7:finished, but more episodes failed for infrastructure reasons than budget.maxInfraFailureShare; nothing committed"})
public final class TrajforgeCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_ABORTED = 3;
    public static final int EXIT_BUDGET = 4;
    public static final int EXIT_CANNOT_WRITE = 5;
    public static final int EXIT_LOCKED = 6;
    public static final int EXIT_INFRA_FAILURES = 7;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new TrajforgeCli()).execute(args);
    }
}
