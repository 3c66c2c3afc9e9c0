package dev.trajforge.exporter;

/**
 * What the pipeline decided about one episode. Every episode goes through
 * {@link DatasetExport#write(ExportRecord)} with one of these, so the manifest counts add up by construction.
 */
public enum RecordStatus {
    /** kept as training data: written to {@code train} or {@code validation} */
    ACCEPTED,
    /** failed a check or the filter policy: counted, and written to {@code rejected} only with keep-rejected */
    REJECTED,
    /** the episode could not be judged as data (model or user-simulator failure): counted, never written */
    INFRA_FAILED
}
