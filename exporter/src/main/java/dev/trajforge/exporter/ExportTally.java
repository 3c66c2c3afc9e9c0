package dev.trajforge.exporter;

import java.io.Serializable;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the manifest and the dataset card say about the records of an export: episodes by outcome,
 * rejects by reason, duplicates removed, the prompts and models of the rows' lineage, and the card's
 * statistics. Counts only, never a row: the parts of an export made by several processes (Spark
 * partitions) each keep one and {@link #merge} them for the commit.
 */
final class ExportTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private long episodes;
    private long accepted;
    private long infraFailed;
    private long exactRemoved;
    private long nearRemoved;
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, SortedSet<String>> prompts = new TreeMap<>();
    private final Map<String, SortedSet<String>> models = new TreeMap<>();
    /** the runs rows came from when they are not this export's own (a re-judged or merged dataset) */
    private final SortedSet<String> sourceRuns = new TreeSet<>();
    private final CardStats stats = new CardStats();

    ExportTally(String runId) {
        this.runId = runId;
    }

    /** Counts a record as it is written (a duplicate already turned into a rejected one). */
    void add(ExportRecord record) {
        episodes++;
        var lineage = record.trajectory().lineage();
        lineage.promptSha256().forEach((name, sha) -> prompts.computeIfAbsent(name, k -> new TreeSet<>()).add(sha));
        if (!lineage.runId().equals(runId)) sourceRuns.add(lineage.runId());
        models.computeIfAbsent("agent", k -> new TreeSet<>()).add(lineage.agentModel());
        models.computeIfAbsent("user", k -> new TreeSet<>()).add(lineage.userModel());
        if (record.judgeModel() != null) models.computeIfAbsent("judge", k -> new TreeSet<>()).add(record.judgeModel());
        if (lineage.toolSimulatorModel() != null) models.computeIfAbsent("tool_simulator", k -> new TreeSet<>()).add(lineage.toolSimulatorModel());
        stats.add(record);
        switch (record.status()) {
            case ACCEPTED -> accepted++;
            case REJECTED -> rejected.merge(record.primaryRejectReason(), 1L, Long::sum);
            case INFRA_FAILED -> infraFailed++;
        }
    }

    /** Counts an accepted episode that dedup removed, by how it was found. */
    void duplicate(Deduplicator.Kind kind) {
        if (kind == Deduplicator.Kind.EXACT) exactRemoved++; else nearRemoved++;
    }

    /** Adds another part's counts to these. */
    void merge(ExportTally other) {
        episodes += other.episodes;
        accepted += other.accepted;
        infraFailed += other.infraFailed;
        exactRemoved += other.exactRemoved;
        nearRemoved += other.nearRemoved;
        other.rejected.forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        other.prompts.forEach((name, shas) -> prompts.computeIfAbsent(name, k -> new TreeSet<>()).addAll(shas));
        other.models.forEach((role, labels) -> models.computeIfAbsent(role, k -> new TreeSet<>()).addAll(labels));
        sourceRuns.addAll(other.sourceRuns);
        stats.merge(other.stats);
    }

    long episodes() {
        return episodes;
    }

    long accepted() {
        return accepted;
    }

    long infraFailed() {
        return infraFailed;
    }

    Map<String, Long> rejected() {
        return rejected;
    }

    Map<String, SortedSet<String>> prompts() {
        return prompts;
    }

    Map<String, SortedSet<String>> models() {
        return models;
    }

    SortedSet<String> sourceRuns() {
        return sourceRuns;
    }

    ExportResult.Duplicates duplicates() {
        return new ExportResult.Duplicates(exactRemoved, nearRemoved);
    }

    CardStats stats() {
        return stats;
    }
}
