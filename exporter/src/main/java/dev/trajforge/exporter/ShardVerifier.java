package dev.trajforge.exporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;

/**
 * Re-opens a staged shard before it is published: the stored length must be what the writer wrote,
 * and the footer must parse, carry our schema and run id, and count the rows we wrote.
 * ({@code ParquetWriter.close()} writes a valid footer even after a failure mid-way, so a footer alone
 * proves little; the row count does.)
 */
final class ShardVerifier {
    private ShardVerifier() {
    }

    static void verify(StagedShard shard, FileStatus status, Configuration conf, String runId) throws IOException {
        if (status.getLen() != shard.bytes()) {
            throw new IOException("stored " + status.getLen() + " bytes, the writer wrote " + shard.bytes());
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            FileMetaData meta = reader.getFileMetaData();
            if (!TrajectorySchema.SCHEMA.equals(meta.getSchema())) {
                throw new IOException("footer schema differs from the trajectory schema:\n" + meta.getSchema());
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
