package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.JournalExport;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.collector.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trajforge export RUN_DIR [--out URI] [--format F] [--keep-rejected] [--overwrite]}: write the dataset of a finished run again from its journal. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the dataset of a finished run again from its journal, e.g. elsewhere (--out) or in another format (--format).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (or the output directory holding _trajforge/).")
    Path runDir;

    @Option(names = "--out", paramLabel = "URI", description = "Where to write; default: the run's output.")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "hf-parquet, openai-jsonl, sharegpt or dpo; default: the run's export.format.")
    String format;

    @Option(names = "--keep-rejected", description = "Also export rejected episodes as the 'rejected' split (reward 0, reject_reasons filled).")
    boolean keepRejected;

    @Option(names = "--overwrite", description = "Replace a dataset already committed at the output (its _SUCCESS); refused without it.")
    boolean overwrite;

    @Override
    public Integer call() {
        try {
            RunDirectory dir = RunDirectory.at(CommitCommand.resolve(runDir));
            LoadedConfig loaded = dir.storedConfig();
            if (out != null) loaded = loaded.withOutput(out).withAbsoluteOutput(Path.of(""));
            if (format != null) loaded = loaded.withExportFormat(format);
            if (keepRejected) loaded = loaded.withKeepRejected(true);
            return export(dir, loaded, overwrite, System.out);
        } catch (RuntimeException e) {
            return Failures.report(e, System.err);
        }
    }

    static int export(RunDirectory dir, LoadedConfig loaded, boolean overwrite, PrintStream out) {
        long started = System.nanoTime();
        JournalExport.Exported exported = JournalExport.export(loaded, dir, overwrite, Clock.systemUTC(), Map.of());
        Summary.print(new RunReport(loaded.config().runId(), RunReport.Status.COMMITTED, exported.result(),
                Duration.ofNanos(System.nanoTime() - started), 0, exported.infraFailures(), null), out);
        return TrajforgeCli.EXIT_OK;
    }
}
