package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.Map;

/**
 * Builds the {@link ParquetWriter} of one shard: ZSTD level 3, the configured row group size, page and
 * dictionary defaults, a bloom filter on {@code id}, and the {@code trajforge.*} footer metadata.
 */
final class TrajectoryParquetWriter {
    /** Read by parquet-hadoop's ZSTD codec from the Hadoop configuration. */
    static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";
    static final int ZSTD_LEVEL = 3;
    /** Bloom filter candidates from 1 MiB down to 8 KiB; the smallest one that fits the row group's ids is written. */
    private static final int BLOOM_FILTER_CANDIDATES = 8;

    private TrajectoryParquetWriter() {
    }

    /** {@code conf} must already carry {@link #ZSTD_LEVEL_KEY}. */
    static ParquetWriter<ExportRecord> open(OutputFile file, Configuration conf, ExportSettings settings) throws IOException {
        Map<String, String> footer = Map.of(
                TrajectorySchema.FOOTER_SCHEMA_VERSION, Integer.toString(TrajectorySchema.SCHEMA_VERSION),
                TrajectorySchema.FOOTER_RUN_ID, settings.runId(),
                TrajectorySchema.FOOTER_CONFIG_SHA256, settings.configSha256());
        return new Builder(file, footer)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(settings.rowGroupBytes())
                .withBloomFilterEnabled("id", true)
                .withAdaptiveBloomFilterEnabled(true)
                .withBloomFilterCandidateNumber("id", BLOOM_FILTER_CANDIDATES)
                .build();
    }

    static final class Builder extends ParquetWriter.Builder<ExportRecord, Builder> {
        private final Map<String, String> footer;

        Builder(OutputFile file, Map<String, String> footer) {
            super(file);
            this.footer = footer;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation") // still the abstract entry point in parquet 1.18 when a Hadoop Configuration is set
        protected WriteSupport<ExportRecord> getWriteSupport(Configuration conf) {
            return new TrajectoryWriteSupport(footer);
        }

        @Override
        protected WriteSupport<ExportRecord> getWriteSupport(ParquetConfiguration conf) {
            return new TrajectoryWriteSupport(footer);
        }
    }
}
