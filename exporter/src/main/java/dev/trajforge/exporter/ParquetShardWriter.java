package dev.trajforge.exporter;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one Parquet shard: rows shredded ({@link ShreddedRows}) into one {@link ColumnEncoder} per
 * leaf column, row groups of the configured size, format v1 pages of parquet-java's default page and
 * dictionary sizes, each compressed with ZSTD level 3 ({@link ZstdPageCompressor}), page checksums and
 * column indexes, optionally a bloom filter on one column ({@code id} for trajectories), no
 * min/max statistics on free-text columns, and the {@code trajforge.*} footer metadata. parquet-java
 * writes the pages, indexes, bloom filters and footer ({@link ColumnChunkPageWriteStore},
 * {@link ParquetFileWriter}); its record API and column writers are not used: they look up every field
 * by name, track the nesting of every value and pass each one through several layers of encoders.
 */
final class ParquetShardWriter<T> implements ShardFormat.RowFile<T> {
    static final int ZSTD_LEVEL = 3;
    /**
     * A column chunk's dictionary holds at most this much; a column whose dictionary fills falls back to
     * plain for the rest of the chunk, as parquet-java and pyarrow do at the same default (1 MiB). The
     * next row group starts a dictionary of its own. A column whose first page shows the dictionary does
     * not pay falls back to plain right away. So a dictionary (its page and the strings it was built
     * from) stays bounded however many rows a split has, and row groups keep their size.
     */
    static final int DICTIONARY_PAGE_BYTES = 1 << 20;
    /** The {@code writer.model.name} footer entry. */
    private static final String OBJECT_MODEL = "trajforge";
    /**
     * Leaf columns of free text (message content, tool-call arguments, the tools JSON, ...) get no min/max
     * statistics (nor column index): no reader prunes on them, and parquet-java keeps them by comparing
     * every value byte by byte with the current min and max (the 8 KB tools JSON twice per row).
     * Every other column keeps its statistics.
     */
    static final Set<String> FREE_TEXT = Set.of("content", "reasoning_content", "arguments", "tools", "judge_rationale");

    private final ParquetFileWriter file;
    private final ZstdPageCompressor compressor = new ZstdPageCompressor(ZSTD_LEVEL);
    private final PageCompression compression;
    private final ParquetProperties properties;
    private final MessageType schema;
    private final ShreddedRows<T> rows;
    /** every leaf column's encoder, in schema order */
    private final List<ColumnEncoder> columns;
    private final Map<String, String> footer;
    private final long rowGroupBytes;

    private long nextRowGroupBytes;
    private int rowGroupOrdinal;
    private ColumnChunkPageWriteStore pages;
    private long rowsInGroup;
    private long bufferedBytes;
    /** the file's length at the end of the last row group */
    private long flushedBytes;
    private boolean failed;
    private boolean closed;

    private ParquetShardWriter(ParquetFileWriter file, String path, ParquetProperties properties, ShreddedRows<T> rows,
                               Map<String, String> footer, long rowGroupBytes) {
        this.file = file;
        this.compression = new PageCompression("trajforge-compress " + path);
        this.properties = properties;
        this.schema = rows.leaves().schema();
        this.rows = rows;
        this.columns = rows.leaves().open(properties, compression, compressor);
        this.footer = Map.copyOf(footer);
        this.rowGroupBytes = rowGroupBytes;
        this.nextRowGroupBytes = rowGroupBytes;
        startRowGroup();
    }

    /** The contract's footer key/value metadata. */
    static Map<String, String> footer(ExportSettings settings) {
        return Map.of(
                TrajectorySchema.FOOTER_SCHEMA_VERSION, Integer.toString(TrajectorySchema.SCHEMA_VERSION),
                TrajectorySchema.FOOTER_RUN_ID, settings.runId(),
                TrajectorySchema.FOOTER_CONFIG_SHA256, settings.configSha256());
    }

    /** {@code bloomFilterColumn} may be null. */
    static <T> ParquetShardWriter<T> open(OutputFile out, long rowGroupBytes, ShreddedRows<T> rows,
                                          Map<String, String> footer, String bloomFilterColumn) throws IOException {
        MessageType schema = rows.leaves().schema();
        ParquetProperties properties = properties(schema, bloomFilterColumn);
        ParquetFileWriter file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, (FileEncryptionProperties) null, properties);
        file.start();
        return new ParquetShardWriter<>(file, out.getPath(), properties, rows, footer, rowGroupBytes);
    }

    static ParquetProperties properties(MessageType schema, String bloomFilterColumn) {
        ParquetProperties.Builder builder = ParquetProperties.builder().withDictionaryPageSize(DICTIONARY_PAGE_BYTES);
        for (ColumnDescriptor column : schema.getColumns()) {
            String[] path = column.getPath();
            if (FREE_TEXT.contains(path[path.length - 1])) {
                builder = builder.withStatisticsEnabled(String.join(".", path), false);
            }
        }
        if (bloomFilterColumn != null) {
            builder = builder.withBloomFilterEnabled(bloomFilterColumn, true);
        }
        return builder.build();
    }

    @Override
    public void write(T row) throws IOException {
        if (failed || closed) {
            throw new IOException("the shard writer " + (closed ? "is closed" : "failed before and takes no more rows"));
        }
        try {
            rows.write(row);
            long buffered = 0;
            for (ColumnEncoder column : columns) {
                buffered += column.endRecord();
            }
            bufferedBytes = buffered;
            rowsInGroup++;
            if (bufferedBytes + bufferedBytes / rowsInGroup >= nextRowGroupBytes) { // the next row would not fit
                flushRowGroup();
                startRowGroup();
            }
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /** Bytes in the file so far plus the row group being buffered (encoded, before compression). */
    @Override
    public long dataSize() {
        return flushedBytes + bufferedBytes;
    }

    /** Writes the last row group and the footer; after a failed write, abandons the file without a footer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed) {
                file.abort();
                return;
            }
            flushRowGroup();
            Map<String, String> metadata = new HashMap<>(footer);
            metadata.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, OBJECT_MODEL);
            file.end(metadata);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            compression.close();
            compressor.release();
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .withCompressorProvider(column -> compressor)
                .build();
        for (ColumnEncoder column : columns) {
            column.startChunk(pages.getPageWriter(column.column()), pages);
        }
        rowsInGroup = 0;
        bufferedBytes = 0;
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                rowGroupOrdinal++;
                file.startBlock(rowsInGroup);
                for (ColumnEncoder column : columns) {
                    column.endChunk();
                }
                for (ColumnEncoder column : columns) {
                    column.writeChunk();
                }
                pages.flushToFileWriter(file);
                file.endBlock();
                nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
                flushedBytes = file.getPos();
            }
        } finally {
            pages.close();
            bufferedBytes = 0;
        }
    }
}
