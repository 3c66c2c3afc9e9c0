package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.RunCommit;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.collector.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trajforge commit RUN_DIR}: after N workers, check they all finished and write the combined dataset. */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = "Check that every worker of a run finished, then write the dataset from their journals.")
final class CommitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (or the output directory holding _trajforge/).")
    Path runDir;

    @Option(names = "--overwrite", description = "Replace a dataset another run or config committed at the output; this run's own is always replaced.")
    boolean overwrite;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try {
            RunDirectory dir = RunDirectory.at(resolve(runDir));
            LoadedConfig loaded = dir.storedConfig();
            RunReport report = new RunCommit(loaded, dir, Clock.systemUTC()).commitIfReady(dir.workerCount(), overwrite, Map.of(), started, 0);
            switch (report.status()) {
                case WORKER_DONE -> {
                    System.err.println("trajforge: run directory " + dir.root() + ": not every worker has finished; " + report.detail());
                    return TrajforgeCli.EXIT_BAD_INPUT;
                }
                case COMMITTING_ELSEWHERE -> {
                    System.err.println("trajforge: " + report.detail());
                    return TrajforgeCli.EXIT_LOCKED;
                }
                default -> {
                    Summary.print(report, System.out);
                    return TrajforgeCli.EXIT_OK;
                }
            }
        } catch (RuntimeException e) {
            return Failures.report(e, System.err);
        }
    }

    /** A run directory, or an output directory holding one. */
    static Path resolve(Path given) {
        Path nested = given.resolve("_trajforge");
        return Files.isDirectory(nested) ? nested : given;
    }
}
