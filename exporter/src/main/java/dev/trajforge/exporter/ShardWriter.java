package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rolling writer of one split: writes rows to {@code _temporary/<runId>/<split>-<seq>.<ext>} and
 * starts a new shard once the current one holds {@code targetShardBytes}. Shards are named for their
 * final place only at commit, when the number of shards is known.
 */
final class ShardWriter<T> {
    private final String split;
    private final Path stagingDir;
    private final Configuration conf;
    private final ShardFormat<T> format;
    private final long targetShardBytes;
    private final Function<T, String> describe;
    private final List<StagedShard> closed = new ArrayList<>();

    private ShardFormat.RowFile<T> writer;
    private HashingOutputFile file;
    private Path path;
    private long rows;

    /** {@code describe} names a row in error messages, such as "trajectory 1a2b...". */
    ShardWriter(String split, Path stagingDir, Configuration conf, ShardFormat<T> format, long targetShardBytes,
                Function<T, String> describe) {
        this.split = split;
        this.stagingDir = stagingDir;
        this.conf = conf;
        this.format = format;
        this.targetShardBytes = targetShardBytes;
        this.describe = describe;
    }

    void write(T row) {
        if (writer == null) {
            openNext();
        }
        try {
            writer.write(row);
            rows++;
            if (writer.dataSize() >= targetShardBytes) {
                closeCurrent();
            }
        } catch (IOException e) {
            throw ExportException.io("write " + describe.apply(row) + " to", path, e);
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
        path = new Path(stagingDir, String.format("%s-%05d.%s", split, closed.size(), format.extension()));
        try {
            file = new HashingOutputFile(HadoopOutputFile.fromPath(path, conf));
            writer = format.open(file, conf);
            rows = 0;
        } catch (IOException e) {
            throw ExportException.io("create shard", path, e);
        }
    }

    private void closeCurrent() throws IOException {
        if (writer == null) {
            return;
        }
        ShardFormat.RowFile<T> current = writer;
        writer = null;
        current.close();
        closed.add(new StagedShard(split, path, rows, file.bytes(), file.sha256Hex()));
    }
}
