package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.provider.Providers;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunOptions;
import dev.trajforge.collector.run.Worker;
import dev.trajforge.collector.run.RunAbortedException;
import dev.trajforge.collector.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trajforge run CONFIG}: collect, judge and export one run. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run episodes from a YAML config, judge them and export the accepted ones as Parquet.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Run config (YAML), e.g. examples/quickstart.yaml")
    Path configFile;

    @Option(names = "--out", paramLabel = "URI", description = "Output directory or Hadoop URI (file://, hdfs://, s3a://); overrides 'output'.")
    String out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key by dot path, e.g. --set tasks=20 --set agent.errors.endEarly=0")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--keep-rejected", description = "Also export rejected episodes as the 'rejected' split (reward 0, reject_reasons filled).")
    boolean keepRejected;

    @Option(names = {"-q", "--quiet"}, description = "No progress output; the final summary only.")
    boolean quiet;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run directory (journal, config, markers); default OUTPUT/_trajforge. Needed for non-local outputs.")
    Path runDir;

    @Option(names = "--worker", paramLabel = "K/N", description = "Run the deterministic K-th of N shares of the episodes (0-based), e.g. 0/4.")
    String worker;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "What the dataset's files hold: hf-parquet (default), openai-jsonl, sharegpt or dpo; overrides 'export.format'.")
    String format;

    @Option(names = "--overwrite", description = "Replace a dataset another run or config committed at the output (its _SUCCESS); a run always replaces its own.")
    boolean overwrite;

    @Option(names = "--force-config", description = "Continue a run whose config changed (the changed keys are listed without it).")
    boolean forceConfig;

    private static Worker parseWorker(String text) {
        try {
            return Worker.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            List<String> effective = new ArrayList<>(overrides);
            if (keepRejected) effective.add("keepRejected=true");
            if (format != null) effective.add("export.format=" + format);
            LoadedConfig loaded = ConfigLoader.load(configFile, effective);
            if (out != null) loaded = loaded.withOutput(out);
            loaded = loaded.withAbsoluteOutput(Path.of("")); // a later commit or export from elsewhere writes to the same place
            Progress progress = quiet ? null : new Progress(err, Progress.interactive());
            RunOptions options = new RunOptions(runDir, worker == null ? Worker.ALONE : parseWorker(worker), forceConfig, overwrite);
            CollectionRun run = new CollectionRun(loaded, Clock.systemUTC(), progress == null ? ProgressListener.NONE : progress,
                    Providers.fromEnvironment(), options);
            RunReport report = run.execute();
            if (progress != null) progress.finish();
            Summary.print(report, System.out);
            return report.status() == RunReport.Status.STOPPED_BY_BUDGET ? TrajforgeCli.EXIT_BUDGET : TrajforgeCli.EXIT_OK;
        } catch (RunAbortedException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_ABORTED;
        } catch (RuntimeException e) {
            return Failures.report(e, err);
        }
    }
}
