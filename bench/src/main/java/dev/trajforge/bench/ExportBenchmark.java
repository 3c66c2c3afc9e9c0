package dev.trajforge.bench;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.UsageTotals;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.trajforge.bench.OfflineBenchmark.median;

/**
 * Exporter write throughput against pyarrow, on the same rows in the same run.
 *
 * <p>{@code tasks x trials} episodes of the quickstart config are collected once with
 * {@link CollectionRun} (scripted agent and user, deterministic judge); not timed. Our side: before each
 * export the records are read from the run's journal into memory and the heap collected (not timed),
 * so every export sees freshly parsed records as a run's export does (none of them already hashed by an
 * earlier export); then they are written through {@link DatasetExport} as hf-parquet, exactly as a
 * run's export writes them (parquet-java's {@code ParquetWriter}: ZSTD level 3, 64 MiB row groups, bloom filter on {@code id}, rejected
 * episodes kept as their own split, no dedup): open, every {@code write}, and {@code commit} (shards
 * closed, footers re-read and checked, published, manifest, card, {@code _SUCCESS}). {@code warmups}
 * exports first (the JIT compiles the exporter: with 3, the first runs measured were still 30% slower
 * than the last), then the median of {@code runs}.
 *
 * <p>pyarrow's side ({@code bench/src/main/python/pyarrow_write.py}, run with {@code python=}): the
 * shards we wrote, read into Arrow tables (not timed), each written again with
 * {@code pyarrow.parquet.write_table(compression='zstd', compression_level=3)} at the same rows per row
 * group; as many warm-ups, then the median of {@code runs}. Without {@code python=} (pyarrow could not be
 * installed) the reason given as {@code pyarrowSkipped=} is recorded instead of the ratio.
 *
 * <p>Input MB/s count the rows' raw values (UTF-8 bytes of every string, 4 or 8 bytes per number, 1
 * per boolean; no offsets or null masks), the same figure for both writers; output MB/s count the
 * bytes of the files written.
 */
final class ExportBenchmark {
    private static final double MB = 1e6;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ExportBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 10_000);
        int trials = options.integer("trials", 2);
        int runs = options.integer("runs", 10);
        int warmups = options.integer("warmups", 10);
        if (runs < 1) throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        if (warmups < 0) throw new IllegalArgumentException("warmups must be >= 0, got " + warmups);
        String python = options.text("python", "");
        String pyarrowSkipped = options.text("pyarrowSkipped", "no python= given");
        Path script = options.path("script", "bench/src/main/python/pyarrow_write.py");
        Path tmp = Benchmarks.tempDir("export");
        // collected=DIR keeps the collected run in DIR, and a later run with the same options resumes it (nothing left to run)
        String keep = options.text("collected", "");
        Path collected = keep.isBlank() ? tmp.resolve("collected") : Path.of(keep).toAbsolutePath();
        try {
            // the episodes: a real run, then its journal read into memory (neither timed)
            LoadedConfig loaded = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials, "keepRejected=true", "export.dedup=false"))
                    .withOutput(collected.toString());
            RunConfig run = loaded.config();
            System.err.println("bench export: collecting " + run.episodes() + " episodes");
            long started = System.nanoTime();
            new CollectionRun(loaded, Clock.systemUTC(), ProgressListener.NONE).execute();
            double collectSeconds = (System.nanoTime() - started) / 1e9;
            // the run directory next to a local output (RunDirectory's default name)
            JournalIndex journal = JournalIndex.of(RunDirectory.at(collected.resolve("_trajforge")).journals(), run.episodes());
            Supplier<List<ExportRecord>> freshRecords = () -> {
                List<ExportRecord> records = new ArrayList<>((int) run.episodes());
                journal.forEachInOrder(run.episodes(), entry -> records.add(entry.record()));
                System.gc(); // the garbage of reading them is not collected during the timed export
                return records;
            };
            ExportSettings base = ExportSettings.of(tmp.toString(), run.runId(), loaded.sha256(), run.validationFraction(), true);
            // one Hadoop configuration for every export, as a run has: its XML defaults are parsed once, not per export
            Configuration hadoop = new Configuration();
            hadoop.get("fs.defaultFS");

            for (int i = 0; i < warmups; i++) {
                System.err.println("bench export: warm-up export " + (i + 1) + " of " + warmups);
                Benchmarks.deleteTree(timedExport(base, hadoop, tmp.resolve("warmup"), freshRecords.get()).dir);
            }
            double[] total = new double[runs];
            double[] write = new double[runs];
            double[] commit = new double[runs];
            double[] cpu = new double[runs];
            double[] threadCpu = new double[runs];
            double[] others = new double[runs];
            Timed last = null;
            for (int i = 0; i < runs; i++) {
                if (last != null) Benchmarks.deleteTree(last.dir);
                List<ExportRecord> records = freshRecords.get();
                CpuMeter meter = new CpuMeter();
                last = timedExport(base, hadoop, tmp.resolve("run" + i), records);
                cpu[i] = meter.processCpuSeconds();
                threadCpu[i] = last.threadCpuSeconds;
                others[i] = meter.othersPercent();
                total[i] = last.writeSeconds + last.commitSeconds;
                write[i] = last.writeSeconds;
                commit[i] = last.commitSeconds;
                System.err.printf("bench export: run %d: %d rows in %.2f s (write %.2f s, commit %.2f s)%n",
                        i + 1, last.rows(), total[i], write[i], commit[i]);
            }
            Timed measured = last;
            List<Path> files = measured.result.files().stream().map(f -> measured.dir.resolve(f.path())).toList();
            long rows = measured.rows();
            long outputBytes = measured.result.files().stream().mapToLong(ExportResult.ShardFile::bytes).sum();
            long inputBytes = 0;
            for (Path file : files) inputBytes += rawValueBytes(file);
            double seconds = median(total);
            List<String> perRun = new ArrayList<>();
            for (double t : total) perRun.add(Benchmarks.fmt(t, 2));

            Benchmarks.Result result = new Benchmarks.Result("export")
                    .put("config", config + " with tasks=" + tasks + ", trials=" + trials + ", keepRejected=true, no dedup")
                    .put("episodes", run.episodes())
                    .put("collect_seconds", collectSeconds)
                    .put("rows", rows)
                    .put("files", files.size())
                    .put("runs", runs)
                    .put("warmups", warmups)
                    .put("input_bytes", inputBytes)
                    .put("seconds", seconds)
                    .put("seconds_per_run", String.join(" / ", perRun))
                    .put("write_seconds", median(write))
                    .put("commit_seconds", median(commit))
                    .put("cpu_seconds", median(cpu))
                    .put("thread_cpu_seconds", median(threadCpu))
                    .put("rows_per_s", rows / seconds)
                    .put("output_bytes", outputBytes)
                    .put("input_mb_per_s", inputBytes / MB / seconds)
                    .put("output_mb_per_s", outputBytes / MB / seconds)
                    .put("others_cpu_percent", median(others));
            if (python.isBlank()) {
                System.err.println("bench export: pyarrow skipped: " + pyarrowSkipped);
                result.put("pyarrow_skipped", pyarrowSkipped);
            } else {
                Map<String, String> py = pyarrow(python, script, warmups, runs, tmp.resolve("pyarrow"), files);
                double pySeconds = Double.parseDouble(py.get("seconds"));
                long pyRows = Long.parseLong(py.get("rows"));
                if (pyRows != rows) throw new IllegalStateException("pyarrow read " + pyRows + " rows, we wrote " + rows);
                long pyOutput = Long.parseLong(py.get("output_bytes"));
                result.put("pyarrow_version", py.get("pyarrow_version"))
                        .put("pyarrow_row_group_rows", py.get("row_group_rows"))
                        .put("pyarrow_arrow_bytes", py.get("arrow_bytes"))
                        .put("pyarrow_seconds", pySeconds)
                        .put("pyarrow_seconds_per_run", py.get("seconds_per_run"))
                        .put("pyarrow_cpu_seconds", py.get("cpu_seconds"))
                        .put("pyarrow_rows_per_s", rows / pySeconds)
                        .put("pyarrow_output_bytes", pyOutput)
                        .put("pyarrow_input_mb_per_s", inputBytes / MB / pySeconds)
                        .put("pyarrow_output_mb_per_s", pyOutput / MB / pySeconds)
                        .put("ratio", pySeconds / seconds)
                        .put("cpu_ratio", Double.parseDouble(py.get("cpu_seconds")) / median(cpu));
            }
            return result;
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }

    private record Timed(Path dir, ExportResult result, double writeSeconds, double commitSeconds, double threadCpuSeconds) {
        long rows() {
            return result.files().stream().mapToLong(ExportResult.ShardFile::rows).sum();
        }
    }

    /** One export of every record to {@code dir}: open and the writes, then the commit, timed apart. */
    private static Timed timedExport(ExportSettings base, Configuration hadoop, Path dir, List<ExportRecord> records) {
        ExportSettings settings = ExportSettings.of(dir.toString(), base.runId(), base.configSha256(), base.validationFraction(), base.keepRejected());
        long cpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (DatasetExport export = DatasetExport.open(settings, hadoop)) {
            for (ExportRecord record : records) export.write(record);
            long written = System.nanoTime();
            ExportResult result = export.commit(Instant.EPOCH, UsageTotals.none());
            long committed = System.nanoTime();
            return new Timed(dir, result, (written - started) / 1e9, (committed - written) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
    }

    /** Runs the pyarrow script on our shards; its {@code key=value} lines. */
    private static Map<String, String> pyarrow(String python, Path script, int warmups, int runs, Path out, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--warmups", Integer.toString(warmups), "--runs", Integer.toString(runs),
                "--out", out.toString()));
        files.forEach(f -> command.add(f.toString()));
        System.err.println("bench export: pyarrow: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) throw new IllegalStateException(script + " exited with " + exit + ": " + stdout);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return values;
    }

    /**
     * The bytes of a Parquet file's values as its column readers return them: UTF-8 bytes of each
     * string, 4 or 8 per number, 1 per boolean; nulls and the list structure count nothing.
     */
    static long rawValueBytes(Path file) throws IOException {
        long bytes = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
                for (ColumnDescriptor column : schema.getColumns()) {
                    ColumnReader values = store.getColumnReader(column);
                    for (long i = pages.getPageReader(column).getTotalValueCount(); i > 0; i--) {
                        if (values.getCurrentDefinitionLevel() == column.getMaxDefinitionLevel()) {
                            bytes += switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                                case BINARY, FIXED_LEN_BYTE_ARRAY -> values.getBinary().length();
                                case INT64, DOUBLE -> 8;
                                case INT32, FLOAT -> 4;
                                case INT96 -> 12;
                                case BOOLEAN -> 1;
                            };
                        }
                        values.consume();
                    }
                }
            }
        }
        return bytes;
    }
}
