package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.io.OutputFile;

import java.io.Closeable;
import java.io.IOException;

/**
 * How rows of type {@code T} become one data file: the file extension, the writer of one file, and
 * the check that a staged file is complete before it is published.
 */
interface ShardFormat<T> {
    /** File name extension without the dot, such as {@code parquet}. */
    String extension();

    /** Opens a new file; {@code file} creates the stream (and hashes what goes through it). */
    RowFile<T> open(OutputFile file, Configuration conf) throws IOException;

    /**
     * Re-checks a closed, staged file before it is published: at least its stored length, and whatever
     * proves it complete without reading it all (a Parquet footer, the end of a JSON file).
     */
    void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) throws IOException;

    /** The open writer of one file. */
    interface RowFile<T> extends Closeable {
        void write(T row) throws IOException;

        /** Bytes the file will hold so far (buffered ones included), for rolling to the next file. */
        long dataSize();
    }
}
