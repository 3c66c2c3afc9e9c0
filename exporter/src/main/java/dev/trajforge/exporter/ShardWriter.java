package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling writer of one split: writes rows to {@code _temporary/<runId>/<split>-<seq>.parquet} and
 * starts a new shard once the current one holds {@code targetShardBytes}. Shards are named for their
 * final place only at commit, when the number of shards is known.
 */
final class ShardWriter {
    private final String split;
    private final Path stagingDir;
    private final Configuration conf;
    private final ExportSettings settings;
    private final List<StagedShard> closed = new ArrayList<>();

    private ParquetWriter<ExportRecord> writer;
    private HashingOutputFile file;
    private Path path;
    private long rows;

    ShardWriter(String split, Path stagingDir, Configuration conf, ExportSettings settings) {
        this.split = split;
        this.stagingDir = stagingDir;
        this.conf = conf;
        this.settings = settings;
    }

    void write(ExportRecord record) {
        if (writer == null) {
            openNext();
        }
        try {
            writer.write(record);
            rows++;
            if (writer.getDataSize() >= settings.targetShardBytes()) {
                closeCurrent();
            }
        } catch (IOException e) {
            throw ExportException.io("write trajectory " + record.trajectory().id() + " to", path, e);
        }
    }

    /** Closes the open shard and returns every shard of this split, in order. */
    List<StagedShard> finish() {
        try {
            closeCurrent();
        } catch (IOException e) {
            throw ExportException.io("close", path, e);
        }
        return List.copyOf(closed);
    }

    /** Closes the open shard, if any, without keeping it; the caller deletes the staging directory. */
    void abort() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the staged file is deleted with _temporary/ anyway
            }
            writer = null;
        }
    }

    private void openNext() {
        path = new Path(stagingDir, String.format("%s-%05d.parquet", split, closed.size()));
        try {
            file = new HashingOutputFile(HadoopOutputFile.fromPath(path, conf));
            writer = TrajectoryParquetWriter.open(file, conf, settings);
            rows = 0;
        } catch (IOException e) {
            throw ExportException.io("create shard", path, e);
        }
    }

    private void closeCurrent() throws IOException {
        if (writer == null) {
            return;
        }
        ParquetWriter<ExportRecord> current = writer;
        writer = null;
        current.close();
        closed.add(new StagedShard(split, path, rows, file.bytes(), file.sha256Hex()));
    }
}
