/**
 * Checks an export against {@code dataset-contract.md} ({@link dev.trajforge.exporter.validate.DatasetValidator})
 * and shows what is in it ({@link dev.trajforge.exporter.validate.DatasetInspector}). Both read through
 * Hadoop's {@code FileSystem}, so {@code file://}, {@code hdfs://} and {@code s3a://} exports are checked
 * the same way, and stream rows one at a time.
 *
 * <p>The contract is stated here a second time, independently of the writer ({@link
 * dev.trajforge.exporter.validate.ContractSchema}): a writer change that is not also a contract change
 * (with a {@code schema_version} bump) shows up as a violation.
 */
package dev.trajforge.exporter.validate;
