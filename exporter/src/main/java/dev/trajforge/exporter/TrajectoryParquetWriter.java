package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link ParquetWriter} of one shard: ZSTD level 3, the configured row group size, page and
 * dictionary defaults, optionally a bloom filter on one column ({@code id} for trajectories), no min/max
 * statistics on free-text columns, and the {@code trajforge.*} footer metadata.
 */
final class TrajectoryParquetWriter {
    /** Read by parquet-hadoop's ZSTD codec from the Hadoop configuration. */
    static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";
    static final int ZSTD_LEVEL = 3;
    /** Bloom filter candidates from 1 MiB down to 8 KiB; the smallest one that fits the row group's ids is written. */
    private static final int BLOOM_FILTER_CANDIDATES = 8;
    /**
     * Leaf columns of free text (message content, tool-call arguments, the tools JSON, ...) get no min/max
     * statistics (nor column index): no reader prunes on them, and parquet-java keeps them by comparing
     * every value byte by byte with the current min and max (the 8 KB tools JSON twice per row), 45% of
     * the export's CPU samples before; without them `bench/run export` writes 15-20% more rows/s.
     * Every other column keeps its statistics.
     */
    static final Set<String> FREE_TEXT = Set.of("content", "reasoning_content", "arguments", "tools", "judge_rationale");

    private TrajectoryParquetWriter() {
    }

    /** The contract's footer key/value metadata. */
    static Map<String, String> footer(ExportSettings settings) {
        return Map.of(
                TrajectorySchema.FOOTER_SCHEMA_VERSION, Integer.toString(TrajectorySchema.SCHEMA_VERSION),
                TrajectorySchema.FOOTER_RUN_ID, settings.runId(),
                TrajectorySchema.FOOTER_CONFIG_SHA256, settings.configSha256());
    }

    /** {@code conf} must already carry {@link #ZSTD_LEVEL_KEY}; {@code bloomFilterColumn} may be null. */
    static <T> ParquetWriter<T> open(OutputFile file, Configuration conf, ExportSettings settings, WriteSupport<T> writeSupport,
                                     String bloomFilterColumn) throws IOException {
        Builder<T> builder = new Builder<>(file, writeSupport)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(settings.rowGroupBytes());
        for (ColumnDescriptor column : writeSupport.init(new HadoopParquetConfiguration(conf)).getSchema().getColumns()) {
            String[] path = column.getPath();
            if (FREE_TEXT.contains(path[path.length - 1])) {
                builder = builder.withStatisticsEnabled(String.join(".", path), false);
            }
        }
        if (bloomFilterColumn != null) {
            builder = builder.withBloomFilterEnabled(bloomFilterColumn, true)
                    .withAdaptiveBloomFilterEnabled(true)
                    .withBloomFilterCandidateNumber(bloomFilterColumn, BLOOM_FILTER_CANDIDATES);
        }
        return builder.build();
    }

    static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
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
        @SuppressWarnings("deprecation") // still the abstract entry point in parquet 1.18 when a Hadoop Configuration is set
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return writeSupport;
        }
    }
}
