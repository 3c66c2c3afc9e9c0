package dev.trajforge.bench;

import dev.trajforge.collector.anonymize.Anonymizer;
import dev.trajforge.collector.anonymize.AnonymizerConfig;
import dev.trajforge.collector.ingest.IngestItem;
import dev.trajforge.collector.ingest.SessionFormat;
import dev.trajforge.collector.ingest.SessionFormats;
import dev.trajforge.collector.config.SessionsConfig;
import dev.trajforge.collector.ingest.SessionIngest;
import dev.trajforge.collector.ingest.SessionJudging;
import dev.trajforge.collector.provider.Providers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest: OpenAI chat JSONL sessions read, parsed into the message model ({@code SessionFormats}) and
 * anonymized with every detector ({@link Anonymizer}), no judge, nothing written. The corpus
 * ({@link IngestCorpus}) is written first, not timed. One warm-up pass, then the median of {@code runs}
 * passes on one thread (as {@code trajforge ingest} reads its files today) and on {@code threads}
 * threads, one file per task; the median of the whole command ({@code SessionIngest.run}: its own concurrency,
 * the checks, the Parquet export and commit); and the median of reading and parsing alone, to show the anonymizer's share.
 */
final class IngestBenchmark {
    private static final byte[] KEY = "bench-key-not-a-secret".getBytes(StandardCharsets.UTF_8);

    private IngestBenchmark() {}

    /** What one pass saw; the anonymized figures keep the work from being optimized away. */
    private record Pass(double seconds, long sessions, long rejected, long replaced) {}

    static Benchmarks.Result run(Benchmarks.Options options) throws Exception {
        int megabytes = options.integer("mb", 150);
        int files = options.integer("files", 4);
        int runs = options.integer("runs", 3);
        int threads = options.integer("threads", 2);
        Path tmp = Benchmarks.tempDir("ingest");
        try {
            String kind = options.text("corpus", "dense");
            List<Path> corpus = switch (kind) {
                case "dense" -> IngestCorpus.write(tmp, files, megabytes);
                case "support" -> IngestCorpus.support(tmp, files, megabytes);
                default -> throw new IllegalArgumentException("corpus: dense or support, got " + kind);
            };
            long bytes = 0;
            for (Path f : corpus) {
                bytes += Files.size(f);
            }
            SessionFormat format = SessionFormats.byName("openai-chat");
            CpuMeter meter = new CpuMeter();
            Pass warmup = pass(corpus, format, fresh(), 1);
            if (warmup.rejected() > 0 || warmup.replaced() == 0) {
                throw new IllegalStateException("the corpus is not what the benchmark measures: " + warmup);
            }
            double[] single = new double[runs];
            double[] parallel = new double[runs];
            double[] parseOnly = new double[runs];
            double[] command = new double[runs];
            command(corpus, tmp.resolve("out"), fresh()); // warm-up of the export path
            for (int r = 0; r < runs; r++) { // every pass with a fresh anonymizer, as a new `trajforge ingest` has: nothing remembered
                command[r] = command(corpus, tmp.resolve("out"), fresh());
                single[r] = pass(corpus, format, fresh(), 1).seconds();
                parallel[r] = pass(corpus, format, fresh(), threads).seconds();
                parseOnly[r] = pass(corpus, format, null, 1).seconds();
            }
            double mb = bytes / 1e6;
            return new Benchmarks.Result("ingest")
                    .put("corpus", kind)
                    .put("format", format.name())
                    .put("files", files)
                    .put("bytes", bytes)
                    .put("sessions", warmup.sessions())
                    .put("replaced_per_session", (double) warmup.replaced() / warmup.sessions())
                    .put("runs", runs)
                    .put("threads", threads)
                    .put("mb_per_s_command", mb / median(command))
                    .put("mb_per_s_single", mb / median(single))
                    .put("mb_per_s_parallel", mb / median(parallel))
                    .put("mb_per_s_parse_only", mb / median(parseOnly))
                    .put("seconds_command_per_run", join(command))
                    .put("seconds_single_per_run", join(single))
                    .put("seconds_parallel_per_run", join(parallel))
                    .put("seconds_parse_only_per_run", join(parseOnly))
                    .put("warmup_seconds", warmup.seconds())
                    .put("others_cpu_percent", meter.othersPercent());
        } finally {
            Benchmarks.deleteTree(tmp);
        }
    }

    /**
     * What {@code trajforge ingest FILES --format openai-chat --out DIR} does without a judge, end to end: read,
     * parse, anonymize and judge on the checks ({@link SessionIngest#run}, its default concurrency), and write
     * the dataset (Parquet, dedup, card, manifest, commit); seconds.
     */
    private static double command(List<Path> corpus, Path out, Anonymizer anonymizer) {
        long started = System.nanoTime();
        SessionIngest.Outcome outcome = SessionIngest.run(
                new SessionIngest.Options(corpus.stream().map(Path::toString).toList(), "openai-chat", out.toString(), 0.0, true, false, 16),
                AnonymizerConfig.all(), anonymizer, new SessionJudging(SessionsConfig.DEFAULT, Providers.fromEnvironment(), 0L),
                java.time.Instant.EPOCH, rejected -> { });
        if (outcome.sessions() == 0) throw new IllegalStateException("the ingest read no session");
        return (System.nanoTime() - started) / 1e9;
    }

    /** A new anonymizer: what it remembers within an import (clean texts, searched phone windows) starts empty. */
    private static Anonymizer fresh() {
        return new Anonymizer(AnonymizerConfig.all(), KEY);
    }

    /** Every file read, parsed and (with an anonymizer) anonymized, on {@code threads} threads, one file per task. */
    private static Pass pass(List<Path> corpus, SessionFormat format, Anonymizer anonymizer, int threads) throws Exception {
        Counts counts = new Counts();
        long started = System.nanoTime();
        if (threads == 1) {
            for (Path file : corpus) {
                ingest(file, format, anonymizer, counts);
            }
        } else {
            // a parallel stream run from inside a pool uses that pool's threads, not the common pool
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> corpus.parallelStream().forEach(file -> ingest(file, format, anonymizer, counts))).get();
            } finally {
                pool.shutdown();
            }
        }
        return new Pass((System.nanoTime() - started) / 1e9, counts.sessions.sum(), counts.rejected.sum(), counts.replaced.sum());
    }

    private static final class Counts {
        final LongAdder sessions = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder replaced = new LongAdder();
    }

    private static void ingest(Path file, SessionFormat format, Anonymizer anonymizer, Counts counts) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            format.read(file.getFileName().toString(), in, item -> {
                if (item instanceof IngestItem.Session s) {
                    counts.sessions.increment();
                    if (anonymizer != null) {
                        anonymizer.anonymize(s.messages(), s.toolsJson()).counts().values().forEach(counts.replaced::add);
                    }
                } else {
                    counts.rejected.increment();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String join(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(Benchmarks.fmt(v, 2));
        }
        return String.join(" / ", out);
    }
}
