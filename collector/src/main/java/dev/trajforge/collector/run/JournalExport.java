package dev.trajforge.collector.run;

import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import org.apache.hadoop.conf.Configuration;

import java.time.Clock;
import java.util.Map;

/**
 * Writes the dataset of a run from its journal: every episode's latest entry, in episode order, so
 * the shards depend only on what was journaled — not on scheduling, crashes, resumes or how many
 * workers shared the run. Used at the end of a run and by {@code trajforge commit} / {@code export}.
 * Each record goes out with its task's intents (kept beside it in the entry), which the dataset card counts.
 */
public final class JournalExport {
    private JournalExport() {
    }

    /** What an export produced, with the run's tally for the summary. */
    public record Exported(ExportResult result, Map<String, Long> infraFailures) {
    }

    /** {@code overwrite}: replace a committed dataset at the output (else such an output is refused). */
    public static Exported export(LoadedConfig loaded, RunDirectory dir, boolean overwrite, Clock clock, Map<String, Object> liveMetrics) {
        RunConfig config = loaded.config();
        JournalIndex index = JournalIndex.of(dir.journals());
        long total = config.episodes();
        if (index.size() < total) {
            throw new ConfigException("run " + config.runId() + " in " + dir.root() + " is incomplete: " + index.size() + " of " + total
                    + " episodes journaled; finish it with `trajforge run` (the same config) first");
        }
        RunTally tally = new RunTally(config);
        try (DatasetExport export = open(loaded, overwrite)) {
            index.forEachInOrder(total, entry -> {
                export.write(entry.record().withIntents(entry.intents()));
                tally.add(entry);
            });
            Map<String, Object> metrics = tally.metrics();
            metrics.putAll(liveMetrics);
            return new Exported(export.commit(clock.instant(), tally.usage(), metrics), tally.infraFailures());
        }
    }

    static DatasetExport open(LoadedConfig loaded, boolean overwrite) {
        RunConfig config = loaded.config();
        ExportSettings settings = ExportSettings.of(config.output(), config.runId(), loaded.sha256(), config.validationFraction(), config.keepRejected())
                .withFormat(config.export().exportFormat())
                .withDedup(config.export().deduplication())
                .withOverwrite(overwrite);
        try {
            return DatasetExport.open(settings, new Configuration());
        } catch (ExportException e) {
            throw new ConfigException("config " + loaded.file() + ": key 'output': " + e.getMessage());
        }
    }

    /** Whether the output holds a committed export of this very config (its {@code _SUCCESS} and manifest). */
    public static boolean committed(LoadedConfig loaded) {
        try {
            String output = loaded.config().output();
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(java.net.URI.create(output).getScheme() == null
                    ? java.nio.file.Path.of(output).toAbsolutePath().toUri() : java.net.URI.create(output));
            org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(new Configuration());
            org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(root, "manifest.json");
            if (!fs.exists(new org.apache.hadoop.fs.Path(root, "_SUCCESS")) || !fs.exists(manifest)) return false;
            try (var in = fs.open(manifest)) {
                return loaded.sha256().equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("config_sha256").asText());
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false; // no readable committed dataset; opening the export then reports the output's problem
        }
    }
}
