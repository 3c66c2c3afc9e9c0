/**
 * Exports judged trajectories as a Hugging Face style Parquet dataset through Hadoop {@code FileSystem}
 * ({@code file://}, {@code hdfs://}, {@code s3a://} are the same code). The output is specified by
 * {@code dataset-contract.md}; {@link dev.trajforge.exporter.DatasetExport} is the entry point.
 *
 * <p>Guarantees: nothing partial is ever visible under {@code data/} (shards are staged under
 * {@code _temporary/<runId>/}, verified, then renamed); {@code _SUCCESS} is written last and deleted
 * first when a commit replaces a previous export, so a directory is trustworthy exactly while
 * {@code _SUCCESS} exists; the same records in the same order with the same settings give the same
 * rows, and with the same parquet-java version byte-identical Parquet files (no timestamps or random
 * names inside them). Parquet is written by parquet-java's own {@code ParquetWriter} with a
 * {@code WriteSupport} per schema, tuned with its options ({@code ParquetWriterOptions}).
 *
 * <p>{@code file:} outputs go through {@code NioLocalFileSystem}: Hadoop's raw local file system (no
 * {@code .crc} side files) with permissions set through {@code java.nio}, uncached, so no other Hadoop
 * user in the same JVM shares or changes it.
 */
package dev.trajforge.exporter;
