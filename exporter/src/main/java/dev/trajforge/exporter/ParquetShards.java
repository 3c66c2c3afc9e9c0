package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parquet files of one schema (see {@link ParquetShardWriter} for the writer settings). A staged
 * file is verified by re-opening its footer: the stored length must be what the writer wrote, and the
 * footer must parse, carry the schema and run id, and count the rows written.
 * (The writer leaves no footer after a failed write, but a footer alone would prove little: the row
 * count and the length do.)
 */
final class ParquetShards<T> implements ShardFormat<T> {
    private final MessageType schema;
    private final Map<String, String> footer;
    private final Supplier<ShreddedRows<T>> rows;
    private final String bloomFilterColumn;
    private final ExportSettings settings;

    private ParquetShards(MessageType schema, Map<String, String> footer, Supplier<ShreddedRows<T>> rows,
                          String bloomFilterColumn, ExportSettings settings) {
        this.schema = schema;
        this.footer = footer;
        this.rows = rows;
        this.bloomFilterColumn = bloomFilterColumn;
        this.settings = settings;
    }

    /** One row per trajectory, the contract's schema, a bloom filter on {@code id}. */
    static ParquetShards<ExportRecord> trajectories(ExportSettings settings) {
        return new ParquetShards<>(TrajectorySchema.SCHEMA, ParquetShardWriter.footer(settings), TrajectoryRows::new, "id", settings);
    }

    /** One row per preference pair, with {@code trajforge.format = dpo} in the footer too. */
    static ParquetShards<PreferencePair> preferencePairs(ExportSettings settings) {
        Map<String, String> footer = new java.util.TreeMap<>(ParquetShardWriter.footer(settings));
        footer.put(PreferenceSchema.FOOTER_FORMAT, ExportFormat.DPO.wireName());
        return new ParquetShards<>(PreferenceSchema.SCHEMA, footer, PreferenceRows::new, null, settings);
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public RowFile<T> open(OutputFile file, Configuration conf) throws IOException {
        return ParquetShardWriter.open(file, settings.rowGroupBytes(), rows.get(), footer, bloomFilterColumn);
    }

    @Override
    public void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) throws IOException {
        if (status.getLen() != shard.bytes()) {
            throw new IOException("stored " + status.getLen() + " bytes, the writer wrote " + shard.bytes());
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf), HadoopReadOptions.builder(conf).build())) {
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
