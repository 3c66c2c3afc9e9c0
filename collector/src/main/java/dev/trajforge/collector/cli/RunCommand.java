package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.RunAbortedException;
import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.ExportException;
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

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            List<String> effective = new ArrayList<>(overrides);
            if (keepRejected) effective.add("keepRejected=true");
            LoadedConfig loaded = ConfigLoader.load(configFile, effective);
            if (out != null) loaded = loaded.withOutput(out);
            Progress progress = quiet ? null : new Progress(err, Progress.interactive());
            CollectionRun run = new CollectionRun(loaded, Clock.systemUTC(), progress == null ? dev.trajforge.collector.run.ProgressListener.NONE : progress);
            RunReport report = run.execute();
            if (progress != null) progress.finish();
            Summary.print(report, System.out);
            return TrajforgeCli.EXIT_OK;
        } catch (ConfigException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        } catch (RunAbortedException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_ABORTED;
        } catch (ExportException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_FAILURE; // an unusable output location is reported as a ConfigException before any work
        }
    }
}
