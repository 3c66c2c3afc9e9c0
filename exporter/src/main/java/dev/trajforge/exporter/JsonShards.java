package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.io.OutputFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * UTF-8 JSON files, written sequentially through the same hashing stream as Parquet shards: either
 * JSON Lines (one object per line) or one JSON array with an element per line
 * ({@code [\n{...},\n{...}\n]\n}). A staged file is verified by its stored length and its last bytes
 * ({@code \n} for JSON Lines, {@code \n]\n} for an array), which a file cut short does not end with.
 */
final class JsonShards implements ShardFormat<ExportRecord> {
    private static final int BUFFER = 1 << 16;
    private static final byte[] ARRAY_START = "[\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARRAY_SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ARRAY_END = "\n]\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINE_END = "\n".getBytes(StandardCharsets.UTF_8);

    private final String extension;
    private final boolean array;
    private final Function<ExportRecord, byte[]> encoder;

    private JsonShards(String extension, boolean array, Function<ExportRecord, byte[]> encoder) {
        this.extension = extension;
        this.array = array;
        this.encoder = encoder;
    }

    /** OpenAI fine-tuning JSON Lines ({@link ChatJson#openAiLine}). */
    static JsonShards openAiJsonl() {
        return new JsonShards(ExportFormat.OPENAI_JSONL.extension(), false, r -> ChatJson.openAiLine(r.trajectory()));
    }

    /** A ShareGPT JSON array ({@link ChatJson#shareGptObject}). */
    static JsonShards shareGpt() {
        return new JsonShards(ExportFormat.SHAREGPT.extension(), true, r -> ChatJson.shareGptObject(r.trajectory()));
    }

    @Override
    public String extension() {
        return extension;
    }

    @Override
    public RowFile<ExportRecord> open(OutputFile file, Configuration conf) throws IOException {
        OutputStream out = new BufferedOutputStream(file.create(file.supportsBlockSize() ? file.defaultBlockSize() : 0), BUFFER);
        return new RowFile<>() {
            private long size;
            private long rows;

            @Override
            public void write(ExportRecord row) throws IOException {
                byte[] encoded = encoder.apply(row);
                if (array) {
                    put(rows == 0 ? ARRAY_START : ARRAY_SEPARATOR);
                }
                put(encoded);
                rows++;
            }

            @Override
            public long dataSize() {
                return size;
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    if (array && rows == 0) {
                        put(ARRAY_START);
                    }
                    if (array) {
                        put(ARRAY_END);
                    }
                }
            }

            private void put(byte[] bytes) throws IOException {
                out.write(bytes);
                size += bytes.length;
            }
        };
    }

    @Override
    public void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) throws IOException {
        if (status.getLen() != shard.bytes()) {
            throw new IOException("stored " + status.getLen() + " bytes, the writer wrote " + shard.bytes());
        }
        byte[] end = array ? ARRAY_END : LINE_END;
        if (status.getLen() < end.length) {
            throw new IOException("holds " + status.getLen() + " bytes, too short for " + shard.rows() + " rows");
        }
        byte[] tail = new byte[end.length];
        try (FSDataInputStream in = status.getPath().getFileSystem(conf).open(status.getPath())) {
            in.readFully(status.getLen() - end.length, tail);
        }
        if (!Arrays.equals(tail, end)) {
            throw new IOException("does not end like a complete " + (array ? "JSON array" : "JSON Lines file"));
        }
    }
}
