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
 * {@code episodes = accepted + sum(rejected) + infraFailed}, and the rows of the {@code train} and
 * {@code validation} files sum to {@code accepted}.
 *
 * @param outputUri   fully qualified URI of the export directory
 * @param rejected    rejected episodes by their first reject reason
 * @param splits      rows per split: {@code train} and {@code validation} always, {@code rejected} when kept
 * @param files       every published shard, sorted by path
 * @param prompts     SHA-256s of the prompts and policies behind the episodes, by name (from their lineage)
 * @param models      the {@code provider/model} labels per role that made the episodes
 */
public record ExportResult(URI outputUri, long episodes, long accepted, Map<String, Long> rejected,
                           long infraFailed, Map<String, Long> splits, List<ShardFile> files,
                           Map<String, java.util.SortedSet<String>> prompts, Map<String, java.util.SortedSet<String>> models) {

    /** One published shard. {@code path} is relative to the export directory, e.g. {@code data/train-00000-of-00001.parquet}. */
    public record ShardFile(String path, long rows, long bytes, String sha256) {
        private static final Pattern NAME = Pattern.compile("data/(train|validation|rejected)-(\\d{5})-of-(\\d{5})\\.parquet");

        public ShardFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            if (!NAME.matcher(path).matches()) {
                throw new IllegalArgumentException("shard path must look like data/<split>-NNNNN-of-NNNNN.parquet, got " + path);
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

    public ExportResult {
        Objects.requireNonNull(outputUri, "outputUri");
        rejected = Collections.unmodifiableSortedMap(new TreeMap<>(rejected));
        splits = Collections.unmodifiableSortedMap(new TreeMap<>(splits));
        files = files.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
        prompts = Collections.unmodifiableSortedMap(new TreeMap<>(prompts == null ? Map.of() : prompts));
        models = Collections.unmodifiableSortedMap(new TreeMap<>(models == null ? Map.of() : models));
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        if (episodes != accepted + rejectedTotal + infraFailed) {
            throw new IllegalArgumentException("counts do not add up: episodes " + episodes + " != accepted " + accepted
                    + " + rejected " + rejectedTotal + " + infra_failed " + infraFailed);
        }
        long acceptedRows = files.stream().filter(f -> !f.split().equals("rejected")).mapToLong(ShardFile::rows).sum();
        if (acceptedRows != accepted) {
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
