package dev.trajforge.exporter;

import dev.trajforge.exporter.report.HtmlReport;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to export.
 *
 * @param outputUri          a plain local path (relative or absolute) or any Hadoop URI ({@code file://},
 *                           {@code hdfs://}, {@code s3a://})
 * @param runId              the run's id; names the staging directory, so it is limited to
 *                           {@code [A-Za-z0-9][A-Za-z0-9._-]*} (at most 128 characters)
 * @param configSha256       hash of the run config, recorded in the manifest and every file footer
 * @param validationFraction share of tasks (not rows) that go to the validation split, in [0,1]
 * @param keepRejected       also write rejected episodes to a {@code rejected} split
 * @param targetShardBytes   a split starts a new shard once its current one holds this many bytes (the file's
 *                           bytes so far plus the row group being buffered, as parquet-java counts it)
 * @param rowGroupBytes      Parquet row group size as parquet-java's {@code ParquetWriter} counts it: the row
 *                           group's pages buffered so far (compressed once full, the open page before compression),
 *                           dictionaries (at most 1 MiB a column) not included; a row group also ends at
 *                           100,000 rows
 * @param format             what the data files hold ({@link ExportFormat#HF_PARQUET} unless chosen)
 * @param dedup              which accepted episodes are removed as duplicates ({@link Dedup#OFF} unless chosen)
 * @param overwrite          replace a committed dataset already at the output; without it, an output holding
 *                           {@code _SUCCESS} is refused when the export opens (false unless chosen)
 * @param reportSample       trajectories the viewer of {@code report.html} shows, in [0, {@value HtmlReport#MAX_SAMPLE}]
 *                           ({@value HtmlReport#DEFAULT_SAMPLE} unless chosen)
 */
public record ExportSettings(String outputUri, String runId, String configSha256, double validationFraction,
                             boolean keepRejected, long targetShardBytes, long rowGroupBytes,
                             ExportFormat format, Dedup dedup, boolean overwrite, int reportSample) {
    public static final long DEFAULT_TARGET_SHARD_BYTES = 256L << 20;
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ExportSettings {
        Objects.requireNonNull(outputUri, "outputUri");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(configSha256, "configSha256");
        if (outputUri.isBlank()) {
            throw new IllegalArgumentException("outputUri is blank");
        }
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId must match " + RUN_ID.pattern() + ", got '" + runId + "'");
        }
        if (configSha256.isBlank()) {
            throw new IllegalArgumentException("configSha256 is blank");
        }
        if (!(validationFraction >= 0.0 && validationFraction <= 1.0)) {
            throw new IllegalArgumentException("validationFraction must be in [0,1], got " + validationFraction);
        }
        if (targetShardBytes <= 0) {
            throw new IllegalArgumentException("targetShardBytes must be > 0, got " + targetShardBytes);
        }
        if (rowGroupBytes <= 0) {
            throw new IllegalArgumentException("rowGroupBytes must be > 0, got " + rowGroupBytes);
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dedup, "dedup");
        HtmlReport.requireSample(reportSample);
    }

    /** Hugging Face Parquet without dedup: every accepted episode is written. */
    public ExportSettings(String outputUri, String runId, String configSha256, double validationFraction,
                          boolean keepRejected, long targetShardBytes, long rowGroupBytes) {
        this(outputUri, runId, configSha256, validationFraction, keepRejected, targetShardBytes, rowGroupBytes,
                ExportFormat.HF_PARQUET, Dedup.OFF, false, HtmlReport.DEFAULT_SAMPLE);
    }

    /** Settings with the default sizes (256 MiB shards, 64 MiB row groups), Hugging Face Parquet, no dedup. */
    public static ExportSettings of(String outputUri, String runId, String configSha256,
                                    double validationFraction, boolean keepRejected) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                DEFAULT_TARGET_SHARD_BYTES, DEFAULT_ROW_GROUP_BYTES);
    }

    public ExportSettings withSizes(long targetShardBytes, long rowGroupBytes) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                targetShardBytes, rowGroupBytes, format, dedup, overwrite, reportSample);
    }

    public ExportSettings withFormat(ExportFormat format) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                targetShardBytes, rowGroupBytes, format, dedup, overwrite, reportSample);
    }

    public ExportSettings withDedup(Dedup dedup) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                targetShardBytes, rowGroupBytes, format, dedup, overwrite, reportSample);
    }

    /** The same export with {@code size} trajectories in the report's viewer. */
    public ExportSettings withReportSample(int size) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                targetShardBytes, rowGroupBytes, format, dedup, overwrite, size);
    }

    public ExportSettings withOverwrite(boolean overwrite) {
        return new ExportSettings(outputUri, runId, configSha256, validationFraction, keepRejected,
                targetShardBytes, rowGroupBytes, format, dedup, overwrite, reportSample);
    }
}
