package dev.trajforge.spark;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.EpisodeBatch;
import dev.trajforge.collector.run.JournalExport;
import dev.trajforge.collector.run.ModelCallMetrics;
import dev.trajforge.collector.run.RunTally;
import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.PartsCommit;
import dev.trajforge.exporter.report.HtmlReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

/**
 * A run as a Spark job: one collection stage (a task per partition, {@link CollectTask}), the dedup
 * stages ({@link DedupStage}), one staging stage (each partition's rows written by its executor as a part
 * of the export, {@link PartitionExport}), and the commit on the driver ({@link PartsCommit}), which
 * receives file lists and counts only.
 */
final class SparkRun {
    private static final StructType FINGERPRINTS = new StructType()
            .add("part", DataTypes.IntegerType)
            .add("episode", DataTypes.LongType)
            .add("sha", DataTypes.StringType)
            .add("sketch", DataTypes.BinaryType)
            .add("features", SQLDataTypes.VectorType());

    private final SparkSession spark;
    private final LoadedConfig loaded;
    private final String runDir;
    private final boolean overwrite;
    private final Clock clock;

    /**
     * {@code result} is null when nothing was committed: the dataset was already committed, or a budget stopped the job
     * ({@code stoppedByBudget}).
     */
    record Report(ExportResult result, long episodes, long ranByThisJob, int partitions, String status, boolean stoppedByBudget) {
    }

    SparkRun(SparkSession spark, LoadedConfig loaded, String runDir, boolean overwrite, Clock clock) {
        this.spark = spark;
        this.loaded = loaded;
        this.runDir = runDir;
        this.overwrite = overwrite;
        this.clock = clock;
    }

    Report execute(int requestedPartitions) {
        if (JournalExport.committed(loaded)) {
            return new Report(null, loaded.config().episodes(), 0, 0,
                    "already complete: the dataset of this config is committed at " + loaded.config().output(), false);
        }
        // the stages join small tables; a broadcast would ship them through the driver
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        int tasks = EpisodeBatch.open(loaded, (episode, attempt, failure, detail) -> { }).tasks();
        Partitions partitions = new Partitions(tasks, loaded.config().trials(), requestedPartitions);
        JobSpec spec = JobSpec.of(loaded, runDir, partitions, spark.sparkContext().defaultParallelism(), spark.sparkContext().applicationId(),
                clock.instant());
        int n = partitions.count();
        try (PartsCommit commit = PartsCommit.open(JournalExport.settings(loaded, overwrite || JournalExport.committedBySameRun(loaded)), hadoop())) {
            List<CollectTask.Outcome> collected = timed("collection", () -> collect(spec, n));
            long ran = collected.stream().mapToLong(CollectTask.Outcome::ran).sum();
            List<JobBudget.Stop> stops = collected.stream().map(CollectTask.Outcome::stoppedBy).filter(Objects::nonNull).toList();
            if (!stops.isEmpty()) { // as `trajforge run`: nothing is committed, the same command resumes
                return new Report(null, partitions.episodes(), ran, n, "stopped by budget: "
                        + String.join(", ", stops.stream().map(JobBudget.Stop::budget).distinct().toList()) + " (reached by " + stops.size()
                        + " of " + n + " partitions, which are not committed); " + ran + " episodes run by this job;"
                        + " submit the same command again to resume", true);
            }
            Dataset<Row> removed = timed("dedup", () -> dedup(spec, n));
            List<PartitionExport.Staged> staged = timed("staging", () -> stage(spec, n, removed));
            RunTally tally = new RunTally(loaded.config());
            staged.forEach(part -> tally.merge(part.tally()));
            tally.checkInfraFailureShare();
            Map<String, Object> metrics = new TreeMap<>(tally.metrics());
            metrics.put("spark", Map.of("partitions", n, "episodes_run_by_this_job", ran, "concurrent_tasks", spec.slots()));
            ModelCallMetrics calls = collected.stream().map(CollectTask.Outcome::calls).reduce(ModelCallMetrics.NONE, ModelCallMetrics::plus);
            metrics.put("model_calls", calls.modelCalls());
            metrics.put("rate_limits", calls.rateLimits());
            // report.html as a single-process export renders it: the parts' counts merged, the sampled episodes' records read again
            HtmlReport report = HtmlReport.ofParts(loaded.config().reportSample(), staged.stream().map(part -> part.part().report()).toList());
            ExportResult result = timed("commit", () -> {
                ReportSample.view(spark, spec, staged, report);
                return commit.commit(staged.stream().map(PartitionExport.Staged::part).toList(), clock.instant(), tally.usage(), metrics,
                        report::render);
            });
            deleteDedupScratch(spec);
            return new Report(result, partitions.episodes(), ran, n, "committed", false);
        }
    }

    /**
     * The collection stage; returns, per partition, what the task attempt Spark kept the result of did: the episodes it ran
     * (re-runs included) and its model calls (a failed attempt's calls are lost with it).
     */
    private List<CollectTask.Outcome> collect(JobSpec spec, int n) {
        InjectedFaults faults = InjectedFaults.fromSystemProperties();
        Dataset<byte[]> outcomes = spark.range(0, n, 1, n).map((MapFunction<Long, byte[]>) p -> {
            TaskContext task = TaskContext.get();
            InjectedFaults injected = task.attemptNumber() == 0 ? faults : InjectedFaults.NONE;
            String attempt = spec.job() + "-" + task.stageAttemptNumber() + "-" + task.taskAttemptId(); // unique across submissions
            return bytes(new CollectTask(spec, fileSystem(spec), Clock.systemUTC()).run(p.intValue(), attempt, injected));
        }, Encoders.BINARY());
        return outcomes.collectAsList().stream().map(CollectTask.Outcome::read).toList();
    }

    /** The episodes dedup removes, or null with dedup off. */
    private Dataset<Row> dedup(JobSpec spec, int n) {
        Dedup dedup = loaded.config().export().deduplication();
        if (!dedup.enabled()) return null;
        Dataset<Row> fingerprints = spark.range(0, n, 1, n).flatMap((FlatMapFunction<Long, Row>) p -> {
            List<Row> rows = new ArrayList<>();
            new PartitionExport(spec, hadoop()).fingerprints(p.intValue(), rows::add);
            return rows.iterator();
        }, Encoders.row(FINGERPRINTS));
        return DedupStage.removed(fingerprints, dedup, loaded.config().seed(), dedupScratch(spec), spec.partitions());
    }

    /** Runs a stage and says on stderr how long it took (the job's log; the manifest stays free of timings). */
    private static <T> T timed(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.err.printf(Locale.ROOT, "trajforge: %s took %.1f s%n", stage, (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Where the dedup stages keep their Parquet files while the job runs (deleted once the dataset is committed). */
    private static String dedupScratch(JobSpec spec) {
        return new Path(new Path(spec.runDir(), "spark"), "dedup").toString();
    }

    private static void deleteDedupScratch(JobSpec spec) {
        Path scratch = new Path(dedupScratch(spec));
        try {
            scratch.getFileSystem(hadoop()).delete(scratch, true);
        } catch (IOException e) {
            System.err.println("trajforge: cannot delete the dedup scratch files in " + scratch + " (the dataset is committed): " + e.getMessage());
        }
    }

    /** The staging stage: each partition's rows written by an executor; the driver gets back each part's file list and tallies. */
    private List<PartitionExport.Staged> stage(JobSpec spec, int n, Dataset<Row> removed) {
        Dataset<Row> parts = spark.range(0, n, 1, n).toDF("partition").withColumn("partition", col("partition").cast("int"));
        if (removed != null) {
            UserDefinedFunction partitionOf = udf((UDF1<Long, Integer>) e -> spec.partitions().of(e), DataTypes.IntegerType);
            Dataset<Row> byPart = removed.withColumn("partition", partitionOf.apply(col("episode")))
                    .groupBy("partition")
                    .agg(collect_list(struct(col("episode"), col("exact"))).as("removed"));
            parts = parts.join(byPart, new String[] {"partition"}, "left").repartition(n, col("partition"));
        } else {
            parts = parts.withColumn("removed", lit(null).cast("array<struct<episode:bigint,exact:boolean>>"));
        }
        Dataset<byte[]> staged = parts.map((MapFunction<Row, byte[]>) row -> {
            List<Row> gone = row.isNullAt(1) ? new ArrayList<>() : new ArrayList<>(row.<Row>getList(1));
            gone.sort(Comparator.comparingLong(r -> r.getLong(0)));
            long[] episodes = gone.stream().mapToLong(r -> r.getLong(0)).toArray();
            boolean[] exact = new boolean[episodes.length];
            for (int i = 0; i < exact.length; i++) exact[i] = gone.get(i).getBoolean(1);
            TaskContext task = TaskContext.get();
            return bytes(new PartitionExport(spec, hadoop()).stage(row.getInt(0), "attempt-" + task.taskAttemptId(), episodes, exact));
        }, Encoders.BINARY());
        List<PartitionExport.Staged> out = new ArrayList<>();
        for (byte[] part : staged.collectAsList()) out.add(object(part));
        out.sort(Comparator.comparingInt(PartitionExport.Staged::partition));
        return out;
    }

    /** Hadoop settings for the job's files: the raw local file system (no .crc side files, hsync reaches the disk). */
    static Configuration hadoop() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    private static FileSystem fileSystem(JobSpec spec) throws IOException {
        return new Path(spec.runDir()).getFileSystem(hadoop());
    }

    private static byte[] bytes(Object value) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(value);
        }
        return buffer.toByteArray();
    }

    private static PartitionExport.Staged object(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (PartitionExport.Staged) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a partition's staged files", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a partition's staged files", e);
        }
    }
}
