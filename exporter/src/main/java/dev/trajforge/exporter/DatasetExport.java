package dev.trajforge.exporter;

import dev.trajforge.exporter.report.HtmlReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    private final ExportTally tally;
    private final DatasetPublisher publisher;
    private final HtmlReport report;
    private State state = State.OPEN;
    private byte[] rejects;

    private DatasetExport(ExportSettings settings, OutputLayout layout) {
        this.settings = settings;
        this.layout = layout;
        this.sink = RowSink.of(settings, new SplitAssigner(settings.validationFraction()), layout.staging(), layout.conf());
        this.dedup = new Deduplicator(settings.dedup());
        this.report = new HtmlReport(settings.reportSample());
        this.tally = new ExportTally(settings.runId());
        this.publisher = new DatasetPublisher(settings, layout, sink.format());
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
            Deduplicator.Kind duplicate = record.status() == RecordStatus.ACCEPTED ? dedup.check(record.trajectory(), fingerprint) : null;
            if (duplicate != null) {
                record = record.asDuplicate();
                tally.duplicate(duplicate);
            }
            sink.write(record);
        } catch (RuntimeException | FSError e) { // Hadoop's local file system reports a failed write (a full disk) as an Error
            state = State.FAILED;
            throw DatasetPublisher.ioFailure("write", layout.staging(), e);
        }
        tally.add(record);
        report.add(record);
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
        List<StagedShard> staged;
        try {
            staged = sink.finish();
        } catch (RuntimeException | FSError e) {
            throw DatasetPublisher.ioFailure("commit export at", layout.staging(), e);
        }
        ExportResult result = publisher.publish(staged, tally, createdAt, usage, metrics, rejects, dedup.banding(), report::render);
        state = State.COMMITTED;
        FailPoints.reach("commit.success_written");
        return result;
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
        if (publisher.replacing()) {
            try {
                layout.deletePreviousExport();
            } catch (IOException | RuntimeException | FSError ignored) {
                // best effort; _SUCCESS was the first thing deleted
            }
        }
        layout.abort();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("export to " + layout.uri() + " is " + state.name().toLowerCase(java.util.Locale.ROOT) + ", not open");
        }
    }
}
