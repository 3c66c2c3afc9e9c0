package dev.trajforge.exporter;

import dev.trajforge.exporter.report.ReportPart;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One part of an export that several processes write (a Spark partition's attempt): rows go in through
 * {@link #write} in the part's deterministic order and are staged under {@code _temporary/<run>/<part>/};
 * {@link #finish} closes the shards and returns them with the part's tally and its part of the report ({@link ReportPart})
 * for {@link PartsCommit}.
 * Dedup is decided before, across all parts: a removed episode comes in through {@link #writeDuplicate}.
 * Closing an unfinished part deletes what it staged.
 */
public final class PartExport implements AutoCloseable {
    private final OutputLayout layout;
    private final RowSink<?> sink;
    private final ExportTally tally;
    private final ReportPart report;
    private boolean finished;

    private PartExport(ExportSettings settings, OutputLayout layout) {
        this.layout = layout;
        this.sink = RowSink.of(settings, new SplitAssigner(settings.validationFraction()), layout.staging(), layout.conf());
        this.tally = new ExportTally(settings.runId());
        this.report = new ReportPart(settings.reportSample());
    }

    /** Opens part {@code part} (a name unique to the attempt) of the export {@code settings} describe; {@code conf} is copied. */
    public static PartExport open(ExportSettings settings, Configuration conf, String part) {
        Objects.requireNonNull(settings, "settings");
        Configuration own = new Configuration(conf);
        NioLocalFileSystem.install(own);
        return new PartExport(settings, OutputLayout.forPart(settings.outputUri(), settings.runId(), part, own));
    }

    public void write(ExportRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            sink.write(record);
        } catch (RuntimeException | FSError e) {
            throw DatasetPublisher.ioFailure("write", layout.staging(), e);
        }
        tally.add(record);
        report.add(record);
    }

    /** Writes an accepted record that dedup removed (an exact or a near duplicate) as the rejected row it becomes. */
    public void writeDuplicate(ExportRecord accepted, boolean exact) {
        if (accepted.status() != RecordStatus.ACCEPTED) {
            throw new IllegalArgumentException("only an accepted record is a duplicate, got " + accepted.status() + " for " + accepted.trajectory().id());
        }
        tally.duplicate(exact ? Deduplicator.Kind.EXACT : Deduplicator.Kind.NEAR);
        write(accepted.asDuplicate());
    }

    /** Closes the part's shards and returns them, still staged, with the part's tally and report part. */
    public StagedPart finish() {
        List<StagedShard> staged;
        try {
            staged = sink.finish();
        } catch (RuntimeException | FSError e) {
            throw DatasetPublisher.ioFailure("stage", layout.staging(), e);
        }
        finished = true;
        List<StagedPart.Shard> shards = new ArrayList<>();
        for (StagedShard s : staged) {
            shards.add(new StagedPart.Shard(s.split(), s.path().toString(), s.rows(), s.bytes(), s.sha256()));
        }
        return new StagedPart(shards, tally, report);
    }

    @Override
    public void close() {
        if (finished) return;
        try {
            sink.abort();
        } catch (RuntimeException | FSError ignored) {
            // its staged file goes with the part's directory below
        }
        layout.abortPart();
    }
}
