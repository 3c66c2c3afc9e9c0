package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.JournalExport;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.ExportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trajforge export RUN_DIR [--out URI] [--format F] [--overwrite]}: write the dataset of a finished run again from its journal. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the dataset of a run from its journal (e.g. to another location with --out, or in another format with --format).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (or the output directory holding _trajforge/).")
    Path runDir;

    @Option(names = "--out", paramLabel = "URI", description = "Where to write; default: the run's output.")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "hf-parquet, openai-jsonl, sharegpt or dpo; default: the run's export.format.")
    String format;

    @Option(names = "--overwrite", description = "Replace a dataset already committed at the output (its _SUCCESS); refused without it.")
    boolean overwrite;

    @Override
    public Integer call() {
        try {
            RunDirectory dir = RunDirectory.at(CommitCommand.resolve(runDir));
            LoadedConfig loaded = dir.storedConfig();
            if (out != null) loaded = loaded.withOutput(out);
            if (format != null) loaded = loaded.withExportFormat(format);
            return export(dir, loaded, overwrite, System.out);
        } catch (ConfigException e) {
            System.err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }

    static int export(RunDirectory dir, LoadedConfig loaded, boolean overwrite, PrintStream out) {
        long started = System.nanoTime();
        try {
            JournalExport.Exported exported = JournalExport.export(loaded, dir, overwrite, Clock.systemUTC(), Map.of());
            Summary.print(new RunReport(loaded.config().runId(), RunReport.Status.COMMITTED, exported.result(),
                    Duration.ofNanos(System.nanoTime() - started), exported.result().episodes(), exported.infraFailures(), null), out);
            return TrajforgeCli.EXIT_OK;
        } catch (ExportException e) {
            System.err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_FAILURE;
        } catch (ConfigException e) {
            System.err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }
}
