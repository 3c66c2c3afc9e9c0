package dev.trajforge.collector.cli;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.SessionsConfig;
import dev.trajforge.collector.config.YamlFile;
import dev.trajforge.collector.ingest.Rejudge;
import dev.trajforge.collector.ingest.SessionJudging;
import dev.trajforge.collector.provider.FatalModelException;
import dev.trajforge.collector.provider.Providers;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trajforge judge DATASET_OR_SHARD... --out URI}: stored trajectories judged again, written as one new dataset. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = {"Judge stored trajectories again and write them as one new dataset.",
                "Inputs are hf-parquet exports (of runs or of ingests; local, file://, hdfs://, s3a://) or their .parquet shards;",
                "several inputs mix into one dataset, deduplicated and split like any export. The checks that need no world run",
                "again, a simulated episode's world checks are kept as recorded, and the LLM judge of --config judges the rest."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input (no such dataset, not hf-parquet, not committed, a bad --config)",
                "3:the judge model refused the credentials (nothing committed)"})
final class JudgeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DATASET_OR_SHARD", description = "Export directories or .parquet shards.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "The dataset to write (local path, file://, hdfs://, s3a://).")
    String out;

    @Option(names = "--config", paramLabel = "FILE", description = "Sessions config (YAML): the LLM judge, rubric, policy, mapping, export; as for ingest.")
    Path config;

    @Option(names = "--keep-rejected", description = "Also write the trajectories rejected now, as the 'rejected' split.")
    boolean keepRejected;

    @Option(names = "--overwrite", description = "Replace a dataset already committed at the output.")
    boolean overwrite;

    @Option(names = "--concurrency", paramLabel = "N", description = "Trajectories judged at once (default 16).")
    int concurrency = 16;

    @Override
    public Integer call() {
        PrintStream stdout = System.out;
        PrintStream err = System.err;
        try {
            SessionsConfig sessions = config == null ? SessionsConfig.DEFAULT : SessionsConfig.load(config);
            SessionJudging judging;
            try {
                judging = new SessionJudging(sessions, Providers.fromEnvironment(), 0L);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw config == null ? e : YamlFile.problem(config, e.getMessage());
            }
            Rejudge.Outcome outcome = Rejudge.run(new Rejudge.Options(inputs, out, overwrite, keepRejected, concurrency), judging,
                    new Configuration(), Clock.systemUTC().instant());
            stdout.printf(Locale.ROOT, "judge: %d rows read %s; %d accepted, rejected %s, %d not judged%n",
                    outcome.rowsByInput().values().stream().mapToLong(Long::longValue).sum(), outcome.rowsByInput(), outcome.result().accepted(),
                    outcome.result().rejected(), outcome.result().infraFailed());
            stdout.println("  output: " + outcome.result().outputUri() + "  (manifest.json, README.md, report.html, _SUCCESS)");
            stdout.println("  report: " + Summary.reportPath(outcome.result().outputUri()));
            return TrajforgeCli.EXIT_OK;
        } catch (FatalModelException e) {
            err.println("trajforge: the judge model cannot be used: " + e.getMessage());
            return TrajforgeCli.EXIT_ABORTED;
        } catch (ConfigException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("trajforge: " + e.getMessage());
            return TrajforgeCli.EXIT_BAD_INPUT;
        }
    }
}
