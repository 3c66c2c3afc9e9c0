package dev.trajforge.exporter;

import dev.trajforge.exporter.report.HtmlReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One export: rows go in through {@link #write}, and {@link #commit} publishes them atomically as
 * {@code data/<split>-NNNNN-of-NNNNN.<ext>} with {@code manifest.json}, {@code README.md}, {@code report.html}
 * ({@link HtmlReport}, made of the manifest and of every record written) and, last, {@code _SUCCESS}. Readers trust the directory only while {@code _SUCCESS} exists.
 *
 * <p>Every episode goes through {@link #write} (accepted, rejected and infra-failed), in a deterministic
 * order: the same records in the same order with the same settings give the same rows, and with the same
 * parquet-java version byte-identical data files.
 * With {@link ExportSettings#dedup()} on, an accepted episode that duplicates an earlier one is turned
 * into a rejected one with reason {@link Dedup#REASON} before it is written ({@link Deduplicator}).
 * {@link ExportSettings#format()} decides what a row is ({@link RowSink}). Not thread-safe; one thread writes.
 *
 * <p>Committing into a directory that holds a previous export replaces it: {@code _SUCCESS} is deleted
 * first, then the old data files, manifest and card; then the new shards are published.
 */
public final class DatasetExport implements AutoCloseable {
    private enum State { OPEN, COMMITTED, FAILED, CLOSED }

    private final ExportSettings settings;
    private final OutputLayout layout;
    private final RowSink<?> sink;
    private final Deduplicator dedup;
    private final Map<String, Long> rejected = new TreeMap<>();
    private long episodes;
    private long accepted;
    private long infraFailed;
    private final Map<String, java.util.SortedSet<String>> prompts = new java.util.TreeMap<>();
    private final Map<String, java.util.SortedSet<String>> models = new java.util.TreeMap<>();
    /** the runs rows came from when they are not this export's own (a re-judged or merged dataset) */
    private final java.util.SortedSet<String> sourceRuns = new java.util.TreeSet<>();
    private final CardStats stats = new CardStats();
    private final HtmlReport report;
    private State state = State.OPEN;
    /** set once a commit started replacing the directory's contents: an abort then removes the partial data too */
    private boolean replacing;
    private byte[] rejects;

    private DatasetExport(ExportSettings settings, OutputLayout layout) {
        this.settings = settings;
        this.layout = layout;
        this.sink = RowSink.of(settings, new SplitAssigner(settings.validationFraction()), layout.staging(), layout.conf());
        this.dedup = new Deduplicator(settings.dedup());
        this.report = new HtmlReport(settings.reportSample());
    }

    /**
     * Creates the output directory and its {@code _temporary/<runId>/} staging directory, proving the
     * output writable; on failure throws with the path and leaves nothing behind. {@code conf} is copied,
     * never changed.
     */
    public static DatasetExport open(ExportSettings settings, Configuration conf) throws ExportException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(conf, "conf");
        Configuration own = new Configuration(conf);
        NioLocalFileSystem.install(own);
        return new DatasetExport(settings, OutputLayout.create(settings.outputUri(), settings.runId(), settings.overwrite(), own));
    }

    /**
     * Proves the output of {@code settings} writable (and, without {@code overwrite}, free of a committed
     * dataset) before a run starts, without creating a staging directory or touching one another process
     * of the same run may be committing through; leaves nothing behind.
     */
    public static void probe(ExportSettings settings, Configuration conf) throws ExportException {
        Objects.requireNonNull(settings, "settings");
        Configuration own = new Configuration(conf);
        NioLocalFileSystem.install(own);
        OutputLayout.probeOnly(settings.outputUri(), settings.overwrite(), own);
    }

    /**
     * The input lines an import could not turn into rows (one JSON object per line: file, line, format,
     * reason; never the line itself), published as {@code rejects.jsonl} beside the manifest at commit,
     * before {@code _SUCCESS}; its size and SHA-256 go into the manifest's metrics.
     */
    public void attachRejects(byte[] jsonl) {
        requireOpen();
        this.rejects = Objects.requireNonNull(jsonl, "jsonl").clone();
    }

    public void write(ExportRecord record) {
        write(record, null);
    }

    /**
     * What dedup will compare of {@code record} (null when it is not accepted or dedup is off), computed on the
     * calling thread without touching the export: a caller that prepares records in parallel computes it there and
     * hands it to {@link #write(ExportRecord, DedupFingerprint)}, which then only looks it up, in write order.
     */
    public DedupFingerprint fingerprint(ExportRecord record) {
        return record.status() == RecordStatus.ACCEPTED ? Deduplicator.fingerprint(settings.dedup(), record.trajectory()) : null;
    }

    /** Writes {@code record}; {@code fingerprint} is {@link #fingerprint}'s for it, or null to compute it here. */
    public void write(ExportRecord record, DedupFingerprint fingerprint) {
        Objects.requireNonNull(record, "record");
        requireOpen();
        try {
            if (record.status() == RecordStatus.ACCEPTED && dedup.check(record.trajectory(), fingerprint) != null) {
                record = record.asDuplicate();
            }
            sink.write(record);
        } catch (RuntimeException | FSError e) { // Hadoop's local file system reports a failed write (a full disk) as an Error
            state = State.FAILED;
            throw ioFailure("write", layout.staging(), e);
        }
        episodes++;
        record.trajectory().lineage().promptSha256().forEach((name, sha) -> prompts.computeIfAbsent(name, k -> new java.util.TreeSet<>()).add(sha));
        if (!record.trajectory().lineage().runId().equals(settings.runId())) sourceRuns.add(record.trajectory().lineage().runId());
        models.computeIfAbsent("agent", k -> new java.util.TreeSet<>()).add(record.trajectory().lineage().agentModel());
        models.computeIfAbsent("user", k -> new java.util.TreeSet<>()).add(record.trajectory().lineage().userModel());
        if (record.judgeModel() != null) models.computeIfAbsent("judge", k -> new java.util.TreeSet<>()).add(record.judgeModel());
        String simulator = record.trajectory().lineage().toolSimulatorModel();
        if (simulator != null) models.computeIfAbsent("tool_simulator", k -> new java.util.TreeSet<>()).add(simulator);
        stats.add(record);
        report.add(record);
        switch (record.status()) {
            case ACCEPTED -> accepted++;
            case REJECTED -> rejected.merge(record.primaryRejectReason(), 1L, Long::sum);
            case INFRA_FAILED -> infraFailed++;
        }
    }

    /**
     * Closes the writers, verifies every staged shard, publishes them, writes {@code manifest.json} and
     * {@code README.md}, then {@code _SUCCESS}. {@code createdAt} goes into the manifest as is.
     */
    public ExportResult commit(Instant createdAt, UsageTotals usage) {
        return commit(createdAt, usage, Map.of());
    }

    /**
     * As {@link #commit(Instant, UsageTotals)}, with run metrics for the manifest's {@code metrics} key
     * (e.g. judge agreement, infra failures by cause): plain values, maps and lists, rendered with sorted keys.
     */
    public ExportResult commit(Instant createdAt, UsageTotals usage, Map<String, ?> metrics) {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(usage, "usage");
        requireOpen();
        state = State.FAILED; // until the last step succeeds
        Path current = layout.staging();
        try {
            List<StagedShard> staged = sink.finish();
            List<ExportResult.ShardFile> files = new ArrayList<>();
            List<Path[]> moves = new ArrayList<>();
            for (StagedShard shard : staged) {
                current = shard.path();
                sink.format().verify(shard, layout.status(shard.path()), layout.conf(), settings.runId());
                String name = finalName(shard, staged);
                files.add(new ExportResult.ShardFile(name, shard.rows(), shard.bytes(), shard.sha256()));
                moves.add(new Path[] {shard.path(), layout.file(name)});
            }
            ExportResult result = new ExportResult(layout.uri(), episodes, accepted, rejected, infraFailed,
                    rowsPerSplit(staged), files, prompts, models, settings.format(),
                    new ExportResult.Duplicates(dedup.exactRemoved(), dedup.nearRemoved()), stats.byDomain(), usage);

            Map<String, Object> allMetrics = new java.util.TreeMap<>(metrics);
            allMetrics.put("by_domain", result.byDomain());
            if (rejects != null) {
                allMetrics.put("rejects_file", Map.of("path", OutputLayout.REJECTS, "bytes", rejects.length,
                        "sha256", dev.trajforge.simenv.Hashing.sha256Hex(rejects)));
            }
            // rendered before anything is replaced: a page that cannot be made leaves the previous export as it was
            byte[] manifest = Manifest.render(settings, sourceRuns, createdAt, result, usage, allMetrics, dedup.banding());
            byte[] page = report.render(manifest);

            FailPoints.reach("commit.staged");
            current = layout.root();
            replacing = true;
            layout.deletePreviousExport();
            FailPoints.reach("commit.previous_deleted");
            for (int i = 0; i < moves.size(); i++) {
                current = moves.get(i)[1];
                layout.publish(moves.get(i)[0], moves.get(i)[1]);
                if (i == 0) FailPoints.reach("commit.first_shard_published");
            }
            current = layout.staging().getParent();
            layout.deleteTemporary();
            FailPoints.reach("commit.shards_published");
            if (rejects != null) {
                current = layout.file(OutputLayout.REJECTS);
                layout.write(current, rejects);
            }
            current = layout.file(OutputLayout.MANIFEST);
            layout.write(current, manifest);
            FailPoints.reach("commit.manifest_written");
            current = layout.file(OutputLayout.README);
            layout.write(current, DatasetCard.render(settings, createdAt, result, stats));
            current = layout.file(HtmlReport.FILE_NAME);
            layout.write(current, page);
            FailPoints.reach("commit.report_written");
            current = layout.file(OutputLayout.SUCCESS);
            layout.write(current, new byte[0]);
            state = State.COMMITTED;
            FailPoints.reach("commit.success_written");
            return result;
        } catch (IOException e) {
            throw ExportException.io("commit export at", current, e);
        } catch (RuntimeException | FSError e) {
            throw ioFailure("commit export at", current, e);
        }
    }

    /**
     * A failure of the file system, however a library wrapped it (parquet-java's close wraps Hadoop's
     * {@link FSError}, which wraps the {@link IOException}), as an {@link ExportException} naming the path
     * and the operating system's reason; anything else is a defect and is rethrown as it is.
     */
    private static RuntimeException ioFailure(String action, Object path, Throwable failure) {
        if (failure instanceof ExportException export) return export;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) return ExportException.io(action, path, io);
        }
        if (failure instanceof RuntimeException runtime) return runtime;
        throw (Error) failure;
    }

    /** Without a successful commit: closes the writers and deletes the staging files; never leaves {@code _SUCCESS}. */
    @Override
    public void close() {
        if (state == State.COMMITTED || state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            sink.abort();
        } catch (RuntimeException | FSError ignored) {
            // a writer that cannot even close (a full disk): its staged file goes with the staging directory below
        }
        if (replacing) {
            try {
                layout.deletePreviousExport();
            } catch (IOException | RuntimeException | FSError ignored) {
                // best effort; _SUCCESS was the first thing deleted
            }
        }
        layout.abort();
    }

    private Map<String, Long> rowsPerSplit(List<StagedShard> staged) {
        Map<String, Long> rows = new TreeMap<>();
        rows.put(SplitAssigner.TRAIN, 0L);
        rows.put(SplitAssigner.VALIDATION, 0L);
        if (settings.keepRejected() && settings.format().rowsAreEpisodes()) {
            rows.put(SplitAssigner.REJECTED, 0L);
        }
        staged.forEach(s -> rows.merge(s.split(), s.rows(), Long::sum));
        return rows;
    }

    /** Hugging Face naming: {@code data/<split>-<index:05d>-of-<count:05d>.<ext>}, count per split. */
    private String finalName(StagedShard shard, List<StagedShard> all) {
        List<StagedShard> split = all.stream().filter(s -> s.split().equals(shard.split())).toList();
        return String.format("%s/%s-%05d-of-%05d.%s", OutputLayout.DATA, shard.split(), split.indexOf(shard), split.size(),
                settings.format().extension());
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("export to " + layout.uri() + " is " + state.name().toLowerCase(java.util.Locale.ROOT) + ", not open");
        }
    }
}
