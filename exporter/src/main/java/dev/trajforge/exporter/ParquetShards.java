package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Parquet files of one schema, written by parquet-java's {@link ParquetWriter} with one
 * {@link RowWriteSupport} per file (see {@link ParquetWriterOptions} for the writer's options). A staged
 * file is verified by re-opening its footer: the stored length must be what the writer wrote, and the
 * footer must parse, carry the schema and run id, and count the rows written.
 * (The writer leaves no footer after a failed write, but a footer alone would prove little: the row
 * count and the length do.)
 */
final class ParquetShards<T> implements ShardFormat<T> {
    private final MessageType schema;
    private final Map<String, String> footer;
    /** a new write support for each file, given the footer */
    private final Function<Map<String, String>, RowWriteSupport<T>> writeSupport;
    private final String bloomFilterColumn;
    private final ExportSettings settings;

    private ParquetShards(MessageType schema, Map<String, String> footer, Function<Map<String, String>, RowWriteSupport<T>> writeSupport,
                          String bloomFilterColumn, ExportSettings settings) {
        this.schema = schema;
        this.footer = footer;
        this.writeSupport = writeSupport;
        this.bloomFilterColumn = bloomFilterColumn;
        this.settings = settings;
    }

    /** One row per trajectory, the contract's schema, a bloom filter on {@code id}. */
    static ParquetShards<ExportRecord> trajectories(ExportSettings settings) {
        return new ParquetShards<>(TrajectorySchema.SCHEMA, footer(settings), TrajectoryWriteSupport::new, "id", settings);
    }

    /** One row per preference pair, with {@code trajforge.format = dpo} in the footer too. */
    static ParquetShards<PreferencePair> preferencePairs(ExportSettings settings) {
        Map<String, String> footer = new TreeMap<>(footer(settings));
        footer.put(PreferenceSchema.FOOTER_FORMAT, ExportFormat.DPO.wireName());
        return new ParquetShards<>(PreferenceSchema.SCHEMA, footer, PreferenceWriteSupport::new, null, settings);
    }

    /** The contract's footer key/value metadata. */
    static Map<String, String> footer(ExportSettings settings) {
        return Map.of(
                TrajectorySchema.FOOTER_SCHEMA_VERSION, Integer.toString(TrajectorySchema.SCHEMA_VERSION),
                TrajectorySchema.FOOTER_RUN_ID, settings.runId(),
                TrajectorySchema.FOOTER_CONFIG_SHA256, settings.configSha256());
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public RowFile<T> open(OutputFile file, Configuration conf) throws IOException {
        ParquetWriter<T> writer = ParquetWriterOptions.open(file, conf, settings.rowGroupBytes(), writeSupport.apply(footer), bloomFilterColumn);
        return new RowFile<>() {
            @Override
            public void write(T row) throws IOException {
                writer.write(row);
            }

            /** The file's bytes so far plus the row group being buffered (as parquet-java counts it for the row group size). */
            @Override
            public long dataSize() {
                return writer.getDataSize();
            }

            /** Writes the last row group and the footer; after a failed write, abandons the file without a footer. */
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
