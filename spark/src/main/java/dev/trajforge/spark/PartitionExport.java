package dev.trajforge.spark;

import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.run.JournalExport;
import dev.trajforge.collector.run.RunTally;
import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.DedupFingerprint;
import dev.trajforge.exporter.NearSketch;
import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.exporter.PartExport;
import dev.trajforge.exporter.RecordStatus;
import dev.trajforge.exporter.StagedPart;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The export side of one partition, run in an executor over its committed journal: the dedup
 * fingerprints of its accepted episodes, and then its rows, staged as a part of the export with the
 * episodes dedup removed written as duplicates.
 */
final class PartitionExport {
    private final JobSpec spec;
    private final Configuration conf;
    private final LoadedConfig loaded;

    /**
     * A partition's staged part of the export and its run tally: file lists and counts, what the driver receives; and
     * the episode numbers of its candidates for the report's sample (by trajectory id), so that the report's sampled
     * records are read again without parsing the rest of the journal.
     */
    record Staged(int partition, StagedPart part, RunTally tally, Map<String, Long> sampleCandidates) implements Serializable {
    }

    PartitionExport(JobSpec spec, Configuration conf) {
        this.spec = spec;
        this.conf = conf;
        this.loaded = spec.taskConfig();
    }

    /** A sparse vector with one feature, for an episode with nothing to shingle (MinHashLSH rejects an empty one; its bands are never read). */
    private static final Vector NO_FEATURES = Vectors.sparse(DedupFingerprint.FEATURE_SPACE, new int[] {0}, new double[] {1.0});

    /**
     * One row per accepted episode: {@code part}, {@code episode}, {@code sha} (hex SHA-256 of the content, or
     * the episode id without exact dedup, so it groups with nothing), {@code sketch} (what the local near rule
     * reads of its MinHash signature, {@link NearSketch} bytes; null without near dedup or with nothing to
     * shingle) and {@code features} (the same shingles as a sparse vector for MinHashLSH).
     */
    void fingerprints(int partition, Consumer<Row> out) {
        Dedup dedup = loaded.config().export().deduplication();
        read(partition, entry -> {
            if (entry.record().status() != RecordStatus.ACCEPTED) return;
            DedupFingerprint fingerprint = DedupFingerprint.of(dedup, entry.record().trajectory());
            NearSketch sketch = dedup.near() ? fingerprint.nearSketch(dedup.nearThreshold()) : null;
            Vector features = NO_FEATURES;
            if (sketch != null) {
                int[] indices = DedupFingerprint.features(entry.record().trajectory());
                double[] ones = new double[indices.length];
                Arrays.fill(ones, 1.0);
                features = Vectors.sparse(DedupFingerprint.FEATURE_SPACE, indices, ones);
            }
            out.accept(RowFactory.create(
                    partition,
                    entry.episode(),
                    fingerprint.sha256() == null ? Long.toString(entry.episode()) : HexFormat.of().formatHex(fingerprint.sha256()),
                    sketch == null ? null : sketch.toBytes(),
                    features));
        });
    }

    /**
     * Stages the partition's rows in episode order as part {@code part-NNNNN-<attempt>}; {@code removed} are
     * the episodes dedup removed (sorted), {@code exact[i]} whether {@code removed[i]} was an exact duplicate.
     */
    Staged stage(int partition, String attempt, long[] removed, boolean[] exact) {
        RunTally tally = new RunTally(loaded.config());
        Map<String, Long> episodes = new HashMap<>();
        try (PartExport part = PartExport.open(JournalExport.settings(loaded, false), conf, String.format("part-%05d-%s", partition, attempt))) {
            read(partition, entry -> {
                ExportRecord record = entry.record().withIntents(entry.intents());
                tally.add(entry);
                episodes.put(record.trajectory().id(), entry.episode());
                int at = Arrays.binarySearch(removed, entry.episode());
                if (at >= 0) part.writeDuplicate(record, exact[at]); else part.write(record);
            });
            StagedPart staged = part.finish();
            Map<String, Long> candidates = new TreeMap<>();
            episodes.forEach((id, episode) -> {
                if (staged.report().holds(id)) candidates.put(id, episode);
            });
            return new Staged(partition, staged, tally, candidates);
        }
    }

    private void read(int partition, Consumer<JournalEntry> visitor) {
        try {
            FileSystem fs = new Path(spec.runDir()).getFileSystem(conf);
            new PartitionJournal(fs, new Path(spec.runDir()), spec.partitions(), partition).read(visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read partition " + partition + " of the run journal in " + spec.runDir() + ": " + e.getMessage(), e);
        }
    }
}
