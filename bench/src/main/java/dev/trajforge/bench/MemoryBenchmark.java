package dev.trajforge.bench;

import dev.trajforge.collector.config.ConfigLoader;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.run.CollectionRun;
import dev.trajforge.collector.run.RunReport;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Memory: one {@link CollectionRun} of {@code tasks x trials} episodes in this (fresh) JVM, started by
 * bench/run with -Xmx512m, watching the heap. Run at 10k and 100k episodes over the same tasks, the
 * heap left after GC must stay flat: nothing may grow with the number of episodes.
 */
final class MemoryBenchmark {
    private static final double MIB = 1024.0 * 1024.0;
    /** Full GCs at every tenth of the run, to read the live heap. */
    private static final int CHECKPOINTS = 10;

    private MemoryBenchmark() {
    }

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        Path config = options.path("config", "examples/quickstart.yaml");
        int tasks = options.integer("tasks", 5000);
        int trials = options.integer("trials", 2);
        boolean dedup = Boolean.parseBoolean(options.text("dedup", "true"));
        Path tmp = Benchmarks.tempDir("memory");
        try (HeapWatch heap = new HeapWatch()) {
            LoadedConfig loaded = ConfigLoader.load(config, List.of("tasks=" + tasks, "trials=" + trials, "export.dedup=" + dedup)).withOutput(tmp.toString());
            CpuMeter meter = new CpuMeter();
            long started = System.nanoTime();
            RunReport report = new CollectionRun(loaded, Clock.systemUTC(), heap.liveHeapCheckpoints(CHECKPOINTS)).execute();
            double seconds = (System.nanoTime() - started) / 1e9;
            long episodes = report.export().episodes();
            List<Long> live = heap.liveAtCheckpoints();
            long liveMax = heap.liveMaxBytes();
            return new Benchmarks.Result("memory")
                    .put("config", config + " with tasks=" + tasks + ", trials=" + trials + ", concurrency=" + loaded.config().concurrency())
                    .put("episodes", episodes)
                    .put("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB)
                    .put("peak_heap_used_mib", heap.peakUsedBytes() / MIB)
                    .put("max_heap_after_gc_mib", heap.maxAfterGcBytes() / MIB)
                    .put("gc_count", heap.collections())
                    .put("dedup", dedup)
                    .put("accepted_kept", report.export().accepted())
                    .put("live_heap_max_mib", liveMax / MIB)
                    .put("live_heap_checkpoints_mib", String.join(" ", live.stream().map(b -> Benchmarks.fmt(b / MIB, 0)).toList()))
                    .put("seconds", seconds)
                    .put("episodes_per_s", episodes / seconds)
                    .put("output_bytes", report.export().files().stream().mapToLong(f -> f.bytes()).sum())
                    .put("others_cpu_percent", meter.othersPercent());
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }
}
