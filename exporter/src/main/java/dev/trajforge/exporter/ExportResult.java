package dev.trajforge.exporter;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a committed export holds; the same numbers as its {@code manifest.json}. The counts add up:
 * {@code episodes = accepted + sum(rejected) + infraFailed} (duplicates removed by dedup are counted
 * under {@code rejected.duplicate}, not as accepted), and, when a row is an episode (every format but
 * {@code dpo}, whose rows are pairs), the rows of the {@code train} and {@code validation} files sum to
 * {@code accepted}.
 *
 * @param outputUri   fully qualified URI of the export directory
 * @param rejected    rejected episodes by their first reject reason
 * @param splits      rows per split: {@code train} and {@code validation} always, {@code rejected} when kept
 * @param files       every published shard, sorted by path
 * @param prompts     SHA-256s of the prompts and policies behind the episodes, by name (from their lineage)
 * @param models      the {@code provider/model} labels per role that made the episodes
 * @param format      what the data files hold
 * @param duplicates  accepted episodes that dedup removed, by kind (all counted under {@code rejected.duplicate})
 * @param byDomain    each domain's figures (episodes, acceptance, distinct tasks, tool coverage, personas, faults)
 */
public record ExportResult(URI outputUri, long episodes, long accepted, Map<String, Long> rejected,
                           long infraFailed, Map<String, Long> splits, List<ShardFile> files,
                           Map<String, java.util.SortedSet<String>> prompts, Map<String, java.util.SortedSet<String>> models,
                           ExportFormat format, Duplicates duplicates, Map<String, DomainSummary> byDomain, UsageTotals usage) {

    /** A result that knows nothing of the models' spend. */
    public ExportResult(URI outputUri, long episodes, long accepted, Map<String, Long> rejected, long infraFailed, Map<String, Long> splits,
                        List<ShardFile> files, Map<String, java.util.SortedSet<String>> prompts, Map<String, java.util.SortedSet<String>> models,
                        ExportFormat format, Duplicates duplicates, Map<String, DomainSummary> byDomain) {
        this(outputUri, episodes, accepted, rejected, infraFailed, splits, files, prompts, models, format, duplicates, byDomain, UsageTotals.none());
    }

    /** Accepted episodes removed as exact or as near duplicates of an earlier one. */
    public record Duplicates(long exact, long near) {
        public static final Duplicates NONE = new Duplicates(0, 0);

        public Duplicates {
            if (exact < 0 || near < 0) {
                throw new IllegalArgumentException("duplicate counts must be >= 0");
            }
        }

        public long total() {
            return exact + near;
        }
    }

    /**
     * One published shard. {@code path} is relative to the export directory, e.g.
     * {@code data/train-00000-of-00001.parquet} ({@code .jsonl} / {@code .json} for the JSON formats).
     */
    public record ShardFile(String path, long rows, long bytes, String sha256) {
        private static final Pattern NAME = Pattern.compile("data/(train|validation|rejected)-(\\d{5})-of-(\\d{5})\\.(parquet|jsonl|json)");

        public ShardFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            if (!NAME.matcher(path).matches()) {
                throw new IllegalArgumentException("shard path must look like data/<split>-NNNNN-of-NNNNN.<parquet|jsonl|json>, got " + path);
            }
            if (rows < 0 || bytes < 0) {
                throw new IllegalArgumentException(path + ": rows and bytes must be >= 0");
            }
        }

        /** The split this shard belongs to, from its name. */
        public String split() {
            Matcher m = NAME.matcher(path);
            if (!m.matches()) {
                throw new IllegalStateException(path);
            }
            return m.group(1);
        }
    }

    /** A Hugging Face Parquet export without dedup. */
    public ExportResult(URI outputUri, long episodes, long accepted, Map<String, Long> rejected, long infraFailed,
                        Map<String, Long> splits, List<ShardFile> files, Map<String, java.util.SortedSet<String>> prompts,
                        Map<String, java.util.SortedSet<String>> models) {
        this(outputUri, episodes, accepted, rejected, infraFailed, splits, files, prompts, models, ExportFormat.HF_PARQUET, Duplicates.NONE);
    }

    /** An export whose per-domain figures are not wanted. */
    public ExportResult(URI outputUri, long episodes, long accepted, Map<String, Long> rejected, long infraFailed,
                        Map<String, Long> splits, List<ShardFile> files, Map<String, java.util.SortedSet<String>> prompts,
                        Map<String, java.util.SortedSet<String>> models, ExportFormat format, Duplicates duplicates) {
        this(outputUri, episodes, accepted, rejected, infraFailed, splits, files, prompts, models, format, duplicates, Map.of());
    }

    public ExportResult {
        Objects.requireNonNull(outputUri, "outputUri");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(duplicates, "duplicates");
        usage = usage == null ? UsageTotals.none() : usage;
        rejected = Collections.unmodifiableSortedMap(new TreeMap<>(rejected));
        splits = Collections.unmodifiableSortedMap(new TreeMap<>(splits));
        files = files.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
        prompts = Collections.unmodifiableSortedMap(new TreeMap<>(prompts == null ? Map.of() : prompts));
        models = Collections.unmodifiableSortedMap(new TreeMap<>(models == null ? Map.of() : models));
        byDomain = Collections.unmodifiableSortedMap(new TreeMap<>(byDomain == null ? Map.of() : byDomain));
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        if (episodes != accepted + rejectedTotal + infraFailed) {
            throw new IllegalArgumentException("counts do not add up: episodes " + episodes + " != accepted " + accepted
                    + " + rejected " + rejectedTotal + " + infra_failed " + infraFailed);
        }
        if (duplicates.total() > rejected.getOrDefault(Dedup.REASON, 0L)) {
            throw new IllegalArgumentException("removed duplicates " + duplicates.total() + " are not all counted under rejected."
                    + Dedup.REASON + " (" + rejected.getOrDefault(Dedup.REASON, 0L) + ")");
        }
        String extension = "." + format.extension();
        files.stream().filter(f -> !f.path().endsWith(extension)).findFirst().ifPresent(f -> {
            throw new IllegalArgumentException("a " + format.wireName() + " export holds *" + extension + " files, got " + f.path());
        });
        long acceptedRows = files.stream().filter(f -> !f.split().equals("rejected")).mapToLong(ShardFile::rows).sum();
        if (format.rowsAreEpisodes() && acceptedRows != accepted) {
            throw new IllegalArgumentException("train and validation files hold " + acceptedRows + " rows, accepted is " + accepted);
        }
        for (Map.Entry<String, Long> split : splits.entrySet()) {
            long rows = files.stream().filter(f -> f.split().equals(split.getKey())).mapToLong(ShardFile::rows).sum();
            if (rows != split.getValue()) {
                throw new IllegalArgumentException("split " + split.getKey() + " says " + split.getValue() + " rows, its files hold " + rows);
            }
        }
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
