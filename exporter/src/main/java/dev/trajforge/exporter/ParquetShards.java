package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Parquet files of one schema (see {@link TrajectoryParquetWriter} for the writer settings). A staged
 * file is verified by re-opening its footer: the stored length must be what the writer wrote, and the
 * footer must parse, carry the schema and run id, and count the rows written.
 * ({@code ParquetWriter.close()} writes a valid footer even after a failure mid-way, so a footer alone
 * proves little; the row count does.)
 */
final class ParquetShards<T> implements ShardFormat<T> {
    private final MessageType schema;
    private final Map<String, String> footer;
    private final Function<Map<String, String>, WriteSupport<T>> writeSupport;
    private final String bloomFilterColumn;
    private final ExportSettings settings;

    private ParquetShards(MessageType schema, Map<String, String> footer, Function<Map<String, String>, WriteSupport<T>> writeSupport,
                          String bloomFilterColumn, ExportSettings settings) {
        this.schema = schema;
        this.footer = footer;
        this.writeSupport = writeSupport;
        this.bloomFilterColumn = bloomFilterColumn;
        this.settings = settings;
    }

    /** One row per trajectory, the contract's schema, a bloom filter on {@code id}. */
    static ParquetShards<ExportRecord> trajectories(ExportSettings settings) {
        return new ParquetShards<>(TrajectorySchema.SCHEMA, TrajectoryParquetWriter.footer(settings), TrajectoryWriteSupport::new, "id", settings);
    }

    /** One row per preference pair, with {@code trajforge.format = dpo} in the footer too. */
    static ParquetShards<PreferencePair> preferencePairs(ExportSettings settings) {
        Map<String, String> footer = new java.util.TreeMap<>(TrajectoryParquetWriter.footer(settings));
        footer.put(PreferenceSchema.FOOTER_FORMAT, ExportFormat.DPO.wireName());
        return new ParquetShards<>(PreferenceSchema.SCHEMA, footer, PreferenceWriteSupport::new, null, settings);
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public RowFile<T> open(OutputFile file, Configuration conf) throws IOException {
        ParquetWriter<T> writer = TrajectoryParquetWriter.open(file, conf, settings, writeSupport.apply(footer), bloomFilterColumn);
        return new RowFile<>() {
            @Override
            public void write(T row) throws IOException {
                writer.write(row);
            }

            @Override
            public long dataSize() {
                return writer.getDataSize();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    @Override
    public void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) throws IOException {
        if (status.getLen() != shard.bytes()) {
            throw new IOException("stored " + status.getLen() + " bytes, the writer wrote " + shard.bytes());
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            FileMetaData meta = reader.getFileMetaData();
            if (!schema.equals(meta.getSchema())) {
                throw new IOException("footer schema differs from the " + schema.getName() + " schema:\n" + meta.getSchema());
            }
            String footerRunId = meta.getKeyValueMetaData().get(TrajectorySchema.FOOTER_RUN_ID);
            if (!runId.equals(footerRunId)) {
                throw new IOException("footer run id is " + footerRunId + ", expected " + runId);
            }
            if (reader.getRecordCount() != shard.rows()) {
                throw new IOException("footer counts " + reader.getRecordCount() + " rows, the writer wrote " + shard.rows());
            }
        }
    }
}
