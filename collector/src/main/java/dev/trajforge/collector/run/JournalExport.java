package dev.trajforge.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trajforge.collector.config.ConfigException;
import dev.trajforge.collector.config.LoadedConfig;
import dev.trajforge.collector.config.RunConfig;
import dev.trajforge.collector.journal.DamagedLine;
import dev.trajforge.collector.journal.JournalIndex;
import dev.trajforge.exporter.DatasetExport;
import dev.trajforge.exporter.ExportException;
import dev.trajforge.exporter.ExportResult;
import dev.trajforge.exporter.ExportSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Writes the dataset of a run from its journal: every episode's latest entry, in episode order, so
 * the shards depend only on what was journaled — not on scheduling, crashes, resumes or how many
 * workers shared the run. Used at the end of a run and by {@code trajforge commit} / {@code export}.
 * Each record goes out with its task's intents (kept beside it in the entry), which the dataset card
 * counts. A run with damaged journal lines, missing episodes or more infrastructure failures than its
 * {@code budget.maxInfraFailureShare} is refused before anything is published.
 */
public final class JournalExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalExport() {
    }

    /** What an export produced, with the run's tally for the summary. */
    public record Exported(ExportResult result, Map<String, Long> infraFailures) {
    }

    /** {@code overwrite}: replace a committed dataset at the output (else such an output is refused). */
    public static Exported export(LoadedConfig loaded, RunDirectory dir, boolean overwrite, Clock clock, Map<String, Object> liveMetrics) {
        return export(loaded, dir, JournalIndex.of(dir.journals(), loaded.config().episodes()), overwrite, clock, liveMetrics);
    }

    /** As above, from an index of the run's journals taken after its last episode was journaled. */
    static Exported export(LoadedConfig loaded, RunDirectory dir, JournalIndex index, boolean overwrite, Clock clock,
                           Map<String, Object> liveMetrics) {
        RunConfig config = loaded.config();
        long total = config.episodes();
        List<DamagedLine> damaged = index.damaged();
        if (!damaged.isEmpty()) {
            throw new ConfigException("run " + config.runId() + " in " + dir.root() + ": " + damaged.size() + " damaged journal line(s), the first: "
                    + damaged.getFirst().describe() + "; run the worker of that journal again (the same `trajforge run` command) to set them"
                    + " aside and run their episodes again");
        }
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
            InfraFailureShare.check(tally.infraFailures(), total, config.budget().maxInfraFailureShare());
            Map<String, Object> metrics = tally.metrics();
            metrics.putAll(liveMetrics);
            return new Exported(export.commit(clock.instant(), tally.usage(), metrics), tally.infraFailures());
        }
    }

    static DatasetExport open(LoadedConfig loaded, boolean overwrite) {
        try {
            return DatasetExport.open(settings(loaded, overwrite), new Configuration());
        } catch (ExportException e) {
            throw new ConfigException(loaded.outputOrigin() + ": " + e.getMessage());
        }
    }

    /** Proves the output usable (and not another run's committed dataset, unless {@code overwrite}) without touching any staging. */
    static void probe(LoadedConfig loaded, boolean overwrite) {
        try {
            DatasetExport.probe(settings(loaded, overwrite), new Configuration());
        } catch (ExportException e) {
            throw new ConfigException(loaded.outputOrigin() + ": " + e.getMessage());
        }
    }

    public static ExportSettings settings(LoadedConfig loaded, boolean overwrite) {
        RunConfig config = loaded.config();
        return ExportSettings.of(config.output(), config.runId(), loaded.sha256(), config.validationFraction(), config.keepRejected())
                .withFormat(config.export().exportFormat())
                .withDedup(config.export().deduplication())
                .withReportSample(config.reportSample())
                .withOverwrite(overwrite);
    }

    /**
     * Whether the output holds a committed export of this very config (its {@code _SUCCESS} and a
     * manifest with this fingerprint), with the rejected split exactly when {@code keepRejected} asks for it.
     */
    public static boolean committed(LoadedConfig loaded) {
        JsonNode manifest = committedManifest(loaded);
        return manifest != null && loaded.sha256().equals(manifest.path("config_sha256").asText())
                && hasRejectedSplit(manifest) == loaded.config().keepRejected();
    }

    /** Whether the output holds a committed export of this config's run, whatever its export options. */
    public static boolean committedBySameRun(LoadedConfig loaded) {
        JsonNode manifest = committedManifest(loaded);
        return manifest != null && loaded.sha256().equals(manifest.path("config_sha256").asText());
    }

    /** The run id of the dataset committed at the output, or null. */
    static String committedRunId(LoadedConfig loaded) {
        JsonNode manifest = committedManifest(loaded);
        return manifest == null ? null : manifest.path("run_id").asText(null);
    }

    private static boolean hasRejectedSplit(JsonNode manifest) {
        for (JsonNode file : manifest.path("files")) if (file.path("path").asText().startsWith("data/rejected-")) return true;
        return manifest.path("splits").has("rejected");
    }

    private static JsonNode committedManifest(LoadedConfig loaded) {
        try {
            String output = loaded.config().output();
            URI uri = URI.create(output.replace(" ", "%20"));
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri.getScheme() == null || uri.getScheme().length() == 1
                    ? java.nio.file.Path.of(output).toAbsolutePath().toUri() : uri);
            FileSystem fs = root.getFileSystem(new Configuration());
            org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(root, "manifest.json");
            if (!fs.exists(new org.apache.hadoop.fs.Path(root, "_SUCCESS")) || !fs.exists(manifest)) return null;
            try (InputStream in = fs.open(manifest)) {
                return JSON.readTree(in);
            }
        } catch (IOException | RuntimeException e) {
            return null; // no readable committed dataset; opening the export then reports the output's problem
        }
    }
}
