package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.DirectByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.Set;

/**
 * Opens parquet-java's own {@link ParquetWriter} for one shard, tuned only with its options: format v1
 * pages of at most {@value #PAGE_BYTES} bytes and {@value #PAGE_ROWS} rows, dictionaries of at most
 * {@value #DICTIONARY_PAGE_BYTES} bytes (a column whose dictionary fills falls back to plain for the
 * rest of the row group), ZSTD level {@value #ZSTD_LEVEL} through a direct codec factory (one native
 * ZSTD context per shard, reused for every page, where the default codec factory opens a ZSTD stream
 * per page), row groups of the configured size and at most {@value #ROW_GROUP_ROWS} rows, page
 * checksums, column and offset indexes, min/max and size statistics (no min/max on free text), and
 * optionally a bloom filter on one column sized for the distinct values a row group can hold.
 */
final class ParquetWriterOptions {
    static final int ZSTD_LEVEL = 3;
    static final int PAGE_BYTES = ParquetProperties.DEFAULT_PAGE_SIZE;
    static final int PAGE_ROWS = ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT;
    static final int DICTIONARY_PAGE_BYTES = ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE;
    /**
     * A row group ends at the configured size or at this many rows, whichever comes first, so the bloom
     * filter, sized for this many distinct values ({@code id} is distinct in every row), keeps its false
     * positive probability in every row group: 128 KiB a row group at 1%. Rows of real models take a few
     * KB compressed, so their row groups end at the size; the quickstart's take about 370 bytes, so its
     * row groups end at the count.
     */
    static final int ROW_GROUP_ROWS = 100_000;
    static final double BLOOM_FILTER_FPP = ParquetProperties.DEFAULT_BLOOM_FILTER_FPP;
    /**
     * Leaf columns of free text (message content, tool-call arguments, the tools JSON, ...) get no min/max
     * statistics (nor column index): no reader prunes on them, and parquet-java keeps them by comparing
     * every value byte by byte with the current min and max (the 8 KB tools JSON twice per row). Every
     * other column keeps its statistics; size statistics are kept for all.
     */
    static final Set<String> FREE_TEXT = Set.of("content", "reasoning_content", "arguments", "tools", "judge_rationale");

    private ParquetWriterOptions() {
    }

    /** {@code bloomFilterColumn} may be null; {@code conf} is copied, not changed. */
    static <T> ParquetWriter<T> open(OutputFile file, Configuration conf, long rowGroupBytes, RowWriteSupport<T> writeSupport,
                                     String bloomFilterColumn) throws IOException {
        Configuration zstd = new Configuration(conf);
        zstd.setInt(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, ZSTD_LEVEL); // read by the direct codec factory's ZSTD compressor
        Builder<T> builder = new Builder<>(file, writeSupport)
                .withConf(zstd)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                // released by ParquetWriter.close(), with its ZSTD context and buffers
                .withCodecFactory(CodecFactory.createDirectCodecFactory(zstd, DirectByteBufferAllocator.getInstance(), PAGE_BYTES))
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withRowGroupSize(rowGroupBytes)
                .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
                .withPageSize(PAGE_BYTES)
                .withPageRowCountLimit(PAGE_ROWS)
                .withDictionaryEncoding(true)
                .withDictionaryPageSize(DICTIONARY_PAGE_BYTES)
                .withPageWriteChecksumEnabled(true)
                .withStatisticsEnabled(true)
                .withSizeStatisticsEnabled(true)
                .withValidation(false);
        for (ColumnDescriptor column : writeSupport.schema().getColumns()) {
            String[] path = column.getPath();
            if (FREE_TEXT.contains(path[path.length - 1])) {
                builder = builder.withStatisticsEnabled(String.join(".", path), false);
            }
        }
        if (bloomFilterColumn != null) {
            builder = builder.withBloomFilterEnabled(bloomFilterColumn, true)
                    .withBloomFilterNDV(bloomFilterColumn, ROW_GROUP_ROWS)
                    .withBloomFilterFPP(bloomFilterColumn, BLOOM_FILTER_FPP);
        }
        return builder.build();
    }

    /** parquet-java's builder with our write support. */
    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> writeSupport;

        Builder(OutputFile file, WriteSupport<T> writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation") // still the abstract entry point in parquet-java 1.18 when a Hadoop Configuration is set
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return writeSupport;
        }
    }
}
