package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The commit of an export whose parts other processes staged ({@link PartExport}): merges the parts'
 * tallies and publishes all their shards as one dataset through the same steps as a single-process
 * export ({@link DatasetPublisher}). Holds file lists and counts only. Closing without a commit removes
 * the staging directory and, once replacing had begun, the partial dataset.
 */
public final class PartsCommit implements AutoCloseable {
    private final ExportSettings settings;
    private final OutputLayout layout;
    private final DatasetPublisher publisher;
    private boolean committed;

    private PartsCommit(ExportSettings settings, OutputLayout layout) {
        this.settings = settings;
        this.layout = layout;
        ShardFormat<?> format = RowSink.of(settings, new SplitAssigner(settings.validationFraction()), layout.staging(), layout.conf()).format();
        this.publisher = new DatasetPublisher(settings, layout, format);
    }

    /** Creates the output and proves it writable, as {@link DatasetExport#open} does; {@code conf} is copied. */
    public static PartsCommit open(ExportSettings settings, Configuration conf) {
        Objects.requireNonNull(settings, "settings");
        Configuration own = new Configuration(conf);
        NioLocalFileSystem.install(own);
        return new PartsCommit(settings, OutputLayout.create(settings.outputUri(), settings.runId(), settings.overwrite(), own));
    }

    /**
     * Publishes the parts' shards in the order given (shard names are numbered in that order);
     * {@code report} renders report.html from the manifest's bytes, or is null for none.
     */
    public ExportResult commit(List<StagedPart> parts, Instant createdAt, UsageTotals usage, Map<String, ?> metrics,
                               UnaryOperator<byte[]> report) {
        ExportTally tally = new ExportTally(settings.runId());
        List<StagedShard> staged = new ArrayList<>();
        for (StagedPart part : parts) {
            tally.merge(part.tally());
            part.shards().forEach(shard -> staged.add(shard.staged()));
        }
        Dedup dedup = settings.dedup();
        int[] banding = null;
        if (dedup.near()) {
            int rows = LshIndex.rowsFor(dedup.nearThreshold());
            banding = new int[] {MinHash.PERMUTATIONS / rows, rows};
        }
        ExportResult result = publisher.publish(staged, tally, createdAt, usage, metrics, null, banding, report);
        committed = true;
        return result;
    }

    @Override
    public void close() {
        if (committed) return;
        if (publisher.replacing()) {
            try {
                layout.deletePreviousExport();
            } catch (IOException | RuntimeException ignored) {
                // best effort; _SUCCESS was the first thing deleted
            }
        }
        layout.abort();
    }
}
