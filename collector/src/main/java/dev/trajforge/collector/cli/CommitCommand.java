package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.JournalExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trajforge commit RUN_DIR}: after N workers, check they all finished and write the combined dataset. */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = "Check that every worker of a run finished, then write the dataset (manifest, card, _SUCCESS) from their journals.")
final class CommitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (or the output directory holding _trajforge/).")
    Path runDir;

    @Option(names = "--overwrite", description = "Replace a dataset another run or config committed at the output; this run's own is always replaced.")
    boolean overwrite;

    @Override
    public Integer call() {
        try {
            RunDirectory dir = RunDirectory.at(resolve(runDir));
            int workers = dir.workerCount();
            List<Integer> waiting = dir.workersNotDone(workers);
            if (!waiting.isEmpty()) throw new ConfigException("run directory " + dir.root() + ": workers " + waiting + " of " + workers + " have not finished");
            LoadedConfig loaded = dir.storedConfig();
            return ExportCommand.export(dir, loaded, overwrite || JournalExport.committed(loaded), System.out);
        } catch (ConfigException e) {
            System.err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }

    /** A run directory, or an output directory holding one. */
    static Path resolve(Path given) {
        Path nested = given.resolve("_trajforge");
        return Files.isDirectory(nested) ? nested : given;
    }
}
