package dev.trajforge.exporter;

import dev.trajforge.exporter.report.HtmlReport;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The commit of an export, whoever staged its shards (one process, or the parts of a Spark job):
 * verifies every staged shard, renders the manifest (and the report) before anything is replaced,
 * deletes a previous export, publishes the shards under their final names, then writes
 * {@code rejects.jsonl}, {@code manifest.json}, {@code README.md}, {@code report.html} and, last,
 * {@code _SUCCESS}.
 */
final class DatasetPublisher {
    private final ExportSettings settings;
    private final OutputLayout layout;
    private final ShardFormat<?> format;
    /** set once a commit started replacing the directory's contents: an abort then removes the partial data too */
    private boolean replacing;

    DatasetPublisher(ExportSettings settings, OutputLayout layout, ShardFormat<?> format) {
        this.settings = settings;
        this.layout = layout;
        this.format = format;
    }

    boolean replacing() {
        return replacing;
    }

    /**
     * Publishes {@code staged}; {@code rejects} (or null) is the import's rejects file, {@code banding} the
     * near-dedup LSH banding (or null), {@code report} renders report.html from the manifest's bytes (or is
     * null where no report is made).
     */
    ExportResult publish(List<StagedShard> staged, ExportTally tally, Instant createdAt, UsageTotals usage, Map<String, ?> metrics,
                         byte[] rejects, int[] banding, UnaryOperator<byte[]> report) {
        Path current = layout.staging();
        try {
            List<ExportResult.ShardFile> files = new ArrayList<>();
            List<Path[]> moves = new ArrayList<>();
            for (StagedShard shard : staged) {
                current = shard.path();
                format.verify(shard, layout.status(shard.path()), layout.conf(), settings.runId());
                String name = finalName(shard, staged);
                files.add(new ExportResult.ShardFile(name, shard.rows(), shard.bytes(), shard.sha256()));
                moves.add(new Path[] {shard.path(), layout.file(name)});
            }
            ExportResult result = new ExportResult(layout.uri(), tally.episodes(), tally.accepted(), tally.rejected(), tally.infraFailed(),
                    rowsPerSplit(staged), files, tally.prompts(), tally.models(), settings.format(), tally.duplicates(),
                    tally.stats().byDomain(), usage);

            Map<String, Object> allMetrics = new TreeMap<>(metrics);
            allMetrics.put("by_domain", result.byDomain());
            if (rejects != null) {
                allMetrics.put("rejects_file", Map.of("path", OutputLayout.REJECTS, "bytes", rejects.length, "sha256", Hashing.sha256Hex(rejects)));
            }
            // rendered before anything is replaced: a page that cannot be made leaves the previous export as it was
            byte[] manifest = Manifest.render(settings, tally.sourceRuns(), createdAt, result, usage, allMetrics, banding);
            byte[] page = report == null ? null : report.apply(manifest);

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
            layout.write(current, DatasetCard.render(settings, createdAt, result, tally.stats()));
            if (page != null) {
                current = layout.file(HtmlReport.FILE_NAME);
                layout.write(current, page);
                FailPoints.reach("commit.report_written");
            }
            current = layout.file(OutputLayout.SUCCESS);
            layout.write(current, new byte[0]);
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
    static RuntimeException ioFailure(String action, Object path, Throwable failure) {
        if (failure instanceof ExportException export) return export;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) return ExportException.io(action, path, io);
        }
        if (failure instanceof RuntimeException runtime) return runtime;
        throw (Error) failure;
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
}
