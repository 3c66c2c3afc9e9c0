package dev.trajforge.spark;

import dev.trajforge.collector.cli.TrajforgeCli;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.exporter.ExportResult;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The application spark-submit runs:
 * {@code spark-submit --class dev.trajforge.spark.TrajforgeSpark trajforge-spark.jar run CONFIG --out URI [--partitions N]}.
 * The same config file as {@code ./trajforge run}; the run directory (journals) defaults to
 * {@code <out>/_trajforge}. Submitting again after a failure resumes: committed partitions and durable
 * episodes are not run again, and a committed dataset of the same config is left as it is.
 * Exit codes: 0 done, 2 bad usage or config, 4 stopped by a budget (nothing committed; submitting the same
 * command again resumes), as {@code trajforge run}.
 */
public final class TrajforgeSpark {
    static final String USAGE = "usage: run CONFIG --out URI [--partitions N] [--run-dir URI] [--set key=value]... [--overwrite]";

    private TrajforgeSpark() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("trajforge-spark: " + e.getMessage());
            code = 2;
        }
        if (code != 0) System.exit(code);
    }

    static int run(String[] args) {
        if (args.length < 2 || !args[0].equals("run")) throw new IllegalArgumentException(USAGE);
        String out = null;
        String runDir = null;
        int partitions = 0;
        boolean overwrite = false;
        List<String> overrides = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = value(args, ++i, "--out");
                case "--run-dir" -> runDir = value(args, ++i, "--run-dir");
                case "--partitions" -> partitions = positive(value(args, ++i, "--partitions"));
                case "--set" -> overrides.add(value(args, ++i, "--set"));
                case "--overwrite" -> overwrite = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        LoadedConfig loaded = ConfigLoader.load(Path.of(args[1]), overrides);
        if (out != null) loaded = loaded.withOutput(out);
        String output = loaded.config().output();
        SparkSession spark = SparkSession.builder().appName("trajforge " + loaded.config().runId()).getOrCreate();
        if (partitions == 0) partitions = 2 * spark.sparkContext().defaultParallelism();
        SparkRun.Report report = new SparkRun(spark, loaded, runDir != null ? runDir : output.replaceAll("/+$", "") + "/_trajforge",
                overwrite, Clock.systemUTC()).execute(partitions);
        System.out.println(summary(report, loaded));
        return report.stoppedByBudget() ? TrajforgeCli.EXIT_BUDGET : TrajforgeCli.EXIT_OK;
    }

    static String summary(SparkRun.Report report, LoadedConfig loaded) {
        if (report.result() == null) return "run " + loaded.config().runId() + ": " + report.status();
        ExportResult result = report.result();
        StringBuilder text = new StringBuilder("run " + loaded.config().runId() + ": " + report.episodes() + " episodes in "
                + report.partitions() + " partitions (" + report.ranByThisJob() + " run by this job)\n"
                + "  accepted " + result.accepted() + "\n  rejected " + result.rejected() + "\n  infra failed " + result.infraFailed() + "\n  files:\n");
        result.files().forEach(f -> text.append("    ").append(f.path()).append("  ").append(f.rows()).append(" rows\n"));
        return text.append("  output: ").append(result.outputUri()).toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) return n;
        } catch (NumberFormatException notANumber) {
            // told below
        }
        throw new IllegalArgumentException("--partitions must be a whole number > 0, got '" + text + "'");
    }
}
