package dev.trajforge.bench;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.JournalExport;
import dev.trajforge.collector.run.ProgressListener;
import dev.trajforge.collector.run.RunDirectory;
import dev.trajforge.collector.run.RunReport;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.ExportSettings;
import dev.trajforge.exporter.UsageTotals;
import dev.trajforge.simenv.Domains;
import dev.trajforge.simenv.World;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Offline end-to-end throughput: the quickstart config (scripted agent and user, deterministic judge,
 * Parquet) scaled up, run through {@link CollectionRun} exactly as the CLI runs it. One warm-up run,
 * then {@code runs} measured runs in the same JVM; the world build (world plus task generation) is
 * timed on its own so it can be taken out. After each measured run its export phase is timed again on
 * its own: the dataset written once more from the run's journal ({@link JournalExport}, what the run does
 * after its last episode: read the journal, dedup, write the shards, commit), and so is the Parquet
 * writing in it: the run's records, read from its journal first (not timed), written through
 * {@link DatasetExport} with the run's settings but no dedup (open, every write, commit), so the
 * export's share of the run's wall time can be reported.
 */
final class OfflineBenchmark {
    private OfflineBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 2500);
        int trials = options.integer("trials", 2);
        int runs = options.integer("runs", 3);
        Path tmp = Benchmarks.tempDir("offline");
        try {
            LoadedConfig loaded = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials));
            System.err.println("bench offline: warm-up run");
            execute(loaded.withOutput(tmp.resolve("warmup").toString()));
            double[] total = new double[runs];
            double[] world = new double[runs];
            double[] cpu = new double[runs];
            double[] others = new double[runs];
            double[] export = new double[runs];
            double[] parquet = new double[runs];
            long episodes = 0;
            long accepted = 0;
            for (int i = 0; i < runs; i++) {
                world[i] = worldBuildSeconds(loaded);
                CpuMeter meter = new CpuMeter();
                long started = System.nanoTime();
                RunReport report = execute(loaded.withOutput(tmp.resolve("run" + i).toString()));
                total[i] = (System.nanoTime() - started) / 1e9;
                cpu[i] = meter.processCpuSeconds();
                others[i] = meter.othersPercent();
                episodes = report.export().episodes();
                accepted = report.export().accepted();
                export[i] = exportSeconds(loaded.withOutput(tmp.resolve("run" + i).toString()));
                parquet[i] = parquetSeconds(loaded.withOutput(tmp.resolve("run" + i).toString()), tmp.resolve("parquet" + i));
                System.err.printf("bench offline: run %d: %d episodes in %.2f s (world build %.2f s; export phase alone %.3f s, its Parquet"
                        + " writing %.3f s), %.1f CPU-s; other processes %.0f%% of the cores%n", i + 1, episodes, total[i], world[i], export[i],
                        parquet[i], cpu[i], others[i]);
                Benchmarks.deleteTree(tmp.resolve("parquet" + i));
                Benchmarks.deleteTree(tmp.resolve("run" + i));
            }
            List<String> perRun = new ArrayList<>();
            for (int i = 0; i < runs; i++) perRun.add(Benchmarks.fmt(episodes / total[i], 0));
            double medianTotal = median(total);
            double medianWorld = median(world);
            return new Benchmarks.Result("offline")
                    .put("config", config + " with tasks=" + tasks + ", trials=" + trials + ", concurrency=" + loaded.config().concurrency())
                    .put("episodes", episodes)
                    .put("accepted", accepted)
                    .put("runs", runs)
                    .put("seconds", medianTotal)
                    .put("world_build_seconds", medianWorld)
                    .put("episodes_per_s", episodes / medianTotal)
                    .put("episodes_per_s_excluding_world", episodes / (medianTotal - medianWorld))
                    .put("episodes_per_s_per_run", String.join(" / ", perRun))
                    .put("cpu_ms_per_episode", 1000 * median(cpu) / episodes)
                    .put("export_seconds", median(export))
                    .put("export_percent_of_run", 100 * median(export) / medianTotal)
                    .put("parquet_seconds", median(parquet))
                    .put("parquet_percent_of_run", 100 * median(parquet) / medianTotal)
                    .put("others_cpu_percent", median(others));
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }

    private static RunReport execute(LoadedConfig loaded) {
        return new CollectionRun(loaded, Clock.systemUTC(), ProgressListener.NONE).execute();
    }

    /** The run's export phase alone: its dataset written again from its journal, replacing the one the run committed. */
    private static double exportSeconds(LoadedConfig loaded) {
        RunDirectory dir = RunDirectory.at(Path.of(loaded.config().output()).resolve("_trajforge"));
        long started = System.nanoTime();
        JournalExport.export(loaded, dir, true, Clock.systemUTC(), Map.of());
        return (System.nanoTime() - started) / 1e9;
    }

    /** The Parquet writing of the run's export alone: its journaled records (read first, not timed) through {@link DatasetExport}, no dedup. */
    private static double parquetSeconds(LoadedConfig loaded, Path out) {
        RunConfig config = loaded.config();
        JournalIndex journal = JournalIndex.of(RunDirectory.at(Path.of(config.output()).resolve("_trajforge")).journals(), config.episodes());
        List<ExportRecord> records = new ArrayList<>();
        journal.forEachInOrder(config.episodes(), entry -> records.add(entry.record().withIntents(entry.intents())));
        ExportSettings settings = ExportSettings.of(out.toString(), config.runId(), loaded.sha256(), config.validationFraction(), config.keepRejected())
                .withFormat(config.export().exportFormat())
                .withDedup(Dedup.OFF);
        System.gc();
        long started = System.nanoTime();
        try (DatasetExport export = DatasetExport.open(settings, new org.apache.hadoop.conf.Configuration())) {
            records.forEach(export::write);
            export.commit(Instant.EPOCH, UsageTotals.none());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** What a run spends before its first episode: the seeded worlds (one per domain) and their tasks. */
    private static double worldBuildSeconds(LoadedConfig loaded) {
        long started = System.nanoTime();
        var shares = loaded.config().shares();
        var counts = dev.trajforge.collector.config.DomainShare.allocate(shares, loaded.config().tasks());
        for (int i = 0; i < shares.size(); i++) {
            List<java.nio.file.Path> packs = loaded.config().domainPaths().stream().map(java.nio.file.Path::of).toList(); // a config's own packs too
            World world = Domains.byName(shares.get(i).name(), packs).orElseThrow().world(loaded.config().seed());
            world.tasks(counts.get(i));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
