package dev.trajforge.exporter.validate;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an export directory against every rule of {@code dataset-contract.md} (see {@link Rule}) and
 * returns what is broken, with file and row. The row rules and the schema are the contract's
 * {@code hf-parquet} format; exports in another format ({@code manifest.json}'s {@code format}:
 * {@code openai-jsonl}, {@code sharegpt}, {@code dpo}) get the layout, manifest, naming, card and
 * readability rules (and, for Parquet, footer metadata and ZSTD). Reads through Hadoop's {@code FileSystem} (so
 * {@code hdfs://} and {@code s3a://} exports are checked in place), streams rows one at a time, and keeps
 * in memory only the manifest and the set of training task ids (for the split-leak rule).
 *
 * <pre>{@code
 * DatasetValidator.Report report = DatasetValidator.check("hdfs://nn/datasets/retail-v3", conf);
 * report.violations().forEach(v -> System.out.println(v.render()));   // file:row: rule: message
 * }</pre>
 */
public final class DatasetValidator {
    static final String SUCCESS = "_SUCCESS";
    static final String TEMPORARY = "_temporary";
    static final String DATA = "data";
    static final String README = "README.md";
    static final String FOOTER_SCHEMA_VERSION = "trajforge.schema_version";
    static final String FOOTER_RUN_ID = "trajforge.run_id";
    static final String FOOTER_CONFIG_SHA256 = "trajforge.config_sha256";
    static final List<String> SPLITS = List.of(RowRules.TRAIN, RowRules.VALIDATION, RowRules.REJECTED);
    /** Hugging Face naming, {@code <split>-<index:05d>-of-<count:05d>.<ext>}. */
    static Pattern shardName(String extension) {
        return Pattern.compile("(train|validation|rejected)-(\\d{5})-of-(\\d{5})\\." + Pattern.quote(extension));
    }

    /**
     * The outcome of one validation.
     *
     * @param root       the export directory, fully qualified
     * @param files      the data files under {@code data/} (of the manifest's format; Parquet unless it says otherwise)
     * @param rows       their rows (as Parquet footers count them, or JSON rows)
     * @param violations every violation found, in the order found; empty when all rules pass
     */
    public record Report(URI root, int files, long rows, List<Violation> violations) {
        public Report {
            violations = List.copyOf(violations);
        }

        public boolean ok() {
            return violations.isEmpty();
        }

        /** The ids of the rules that are broken, sorted. */
        public Set<String> brokenRules() {
            return new TreeSet<>(violations.stream().map(Violation::rule).toList());
        }
    }

    private DatasetValidator() {
    }

    /** As {@link #check(String, Configuration)}, the violations only. */
    public static List<Violation> validate(String location, Configuration conf) throws IOException {
        return check(location, conf).violations();
    }

    /** As {@link #check(URI, Configuration)}, the violations only. */
    public static List<Violation> validate(URI root, Configuration conf) throws IOException {
        return check(root, conf).violations();
    }

    /**
     * Validates the export at {@code location}, a local path or any Hadoop URI.
     *
     * @throws IOException when the location itself cannot be read (does not exist, is a file, no file
     *                     system for its scheme); anything wrong inside the export is a {@link Violation}
     */
    public static Report check(String location, Configuration conf) throws IOException {
        Objects.requireNonNull(location, "location");
        return check(ExportLocation.toHadoopPath(location).toUri(), conf);
    }

    /** As {@link #check(String, Configuration)} for a URI. */
    public static Report check(URI root, Configuration conf) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(conf, "conf");
        ExportLocation location = ExportLocation.open(root, conf);
        if (!location.isDirectory()) {
            throw new IOException(location.uri() + " is a file, not an export directory (inspect shows a single shard)");
        }
        return new Run(location).run();
    }

    /** The rules, in the order they are checked. */
    public static List<Rule> rules() {
        return List.of(Rule.values());
    }

    /** One validation: state that lives while one export is checked. */
    private static final class Run {
        private final ExportLocation export;
        private final Violations out = new Violations();
        private ManifestView manifest = ManifestView.NONE;
        private DataFormat format = DataFormat.HF_PARQUET;
        private Pattern shardName = shardName(format.extension());
        /** the first train row of every training task: file index into {@link #shards} and row */
        private final Map<String, long[]> trainTasks = new HashMap<>();
        private final Set<String> leakedTasks = new HashSet<>();
        private final List<FileStatus> shards = new ArrayList<>();
        private long rows;

        Run(ExportLocation export) {
            this.export = export;
        }

        Report run() throws IOException {
            successMarker();
            temporary();
            readManifest();
            format = manifest.format();
            shardName = shardName(format.extension());
            manifestCounts();
            List<FileStatus> data = export.list(DATA).stream().filter(s -> !hidden(s.getPath().getName())).toList();
            naming(data);
            data.stream().filter(s -> s.isFile() && s.getPath().getName().endsWith("." + format.extension()))
                    .sorted(Comparator.comparing((FileStatus s) -> splitOrder(s.getPath().getName())).thenComparing(s -> s.getPath().getName()))
                    .forEach(shards::add);
            manifestListing();
            card();
            MessageType expected = format == DataFormat.HF_PARQUET ? expectedSchema() : null;
            RowRules rowRules = new RowRules(out, manifest.runId(), manifest.sourceRuns(), manifest.schemaVersion());
            for (int i = 0; i < shards.size(); i++) {
                shard(i, expected, rowRules);
            }
            return new Report(export.uri(), shards.size(), rows, out.all());
        }

        private void successMarker() throws IOException {
            FileStatus success = export.statusOrNull(SUCCESS);
            if (success == null) {
                out.add(Rule.SUCCESS_MARKER, SUCCESS, "missing: the export was not committed (or is being replaced); readers must not trust this directory");
            } else if (!success.isFile()) {
                out.add(Rule.SUCCESS_MARKER, SUCCESS, "is a directory, not the empty marker file");
            }
        }

        private void temporary() throws IOException {
            FileStatus temporary = export.statusOrNull(TEMPORARY);
            if (temporary == null) {
                return;
            }
            List<String> left = export.filesUnder(TEMPORARY, 6);
            if (left.isEmpty()) {
                out.add(Rule.TEMPORARY_LEFTOVER, TEMPORARY + "/", "left behind (empty); a commit removes it");
            }
            for (String file : left.subList(0, Math.min(5, left.size()))) {
                out.add(Rule.TEMPORARY_LEFTOVER, file, "staged file left behind by an unfinished or failed export");
            }
            if (left.size() > 5) {
                out.add(Rule.TEMPORARY_LEFTOVER, TEMPORARY + "/", "and more staged files");
            }
        }

        private void readManifest() throws IOException {
            FileStatus status = export.statusOrNull(ManifestView.NAME);
            if (status == null || !status.isFile()) {
                out.add(Rule.MANIFEST_KEYS, ManifestView.NAME, "missing");
                return;
            }
            manifest = ManifestView.read(export.readString(ManifestView.NAME), out);
        }

        private void manifestCounts() {
            ManifestView m = manifest;
            String at = ManifestView.NAME;
            long rejectedTotal = m.rejected() == null ? 0 : m.rejected().values().stream().mapToLong(Long::longValue).sum();
            if (m.episodes() != null && m.accepted() != null && m.rejected() != null && m.infraFailed() != null
                    && m.episodes() != m.accepted() + rejectedTotal + m.infraFailed()) {
                out.add(Rule.MANIFEST_COUNTS, at, "episodes is " + m.episodes() + ", but accepted " + m.accepted() + " + rejected "
                        + rejectedTotal + " + infra_failed " + m.infraFailed() + " = " + (m.accepted() + rejectedTotal + m.infraFailed()));
            }
            if (m.files() == null || m.files().stream().anyMatch(f -> f.rows() == null)) {
                return;
            }
            Map<String, Long> perSplit = new TreeMap<>();
            m.files().forEach(f -> perSplit.merge(f.split(), f.rows(), Long::sum));
            long kept = perSplit.getOrDefault(RowRules.TRAIN, 0L) + perSplit.getOrDefault(RowRules.VALIDATION, 0L);
            if (m.accepted() != null && format.rowsAreEpisodes()) {
                long duplicates = m.rejected() == null ? 0 : m.rejected().getOrDefault("duplicate", 0L);
                if (kept != m.accepted() && kept != m.accepted() - duplicates) {
                    out.add(Rule.MANIFEST_COUNTS, at, "the train and validation files hold " + kept + " rows, but accepted is " + m.accepted()
                            + (duplicates > 0 ? " (" + (m.accepted() - duplicates) + " without the " + duplicates + " duplicates)" : ""));
                }
            }
            if (m.rejected() != null && format.rowsAreEpisodes() && perSplit.getOrDefault(RowRules.REJECTED, 0L) > rejectedTotal) {
                out.add(Rule.MANIFEST_COUNTS, at, "the rejected files hold " + perSplit.get(RowRules.REJECTED)
                        + " rows, more than the " + rejectedTotal + " rejected episodes");
            }
            if (m.splits() != null) {
                Set<String> names = new TreeSet<>(m.splits().keySet());
                names.addAll(perSplit.keySet());
                for (String split : names) {
                    Long stated = m.splits().get(split);
                    long listed = perSplit.getOrDefault(split, 0L);
                    if (stated == null) {
                        out.add(Rule.MANIFEST_COUNTS, at, "splits has no entry for " + split + ", whose files hold " + listed + " rows");
                    } else if (stated != listed) {
                        out.add(Rule.MANIFEST_COUNTS, at, "splits." + split + " is " + stated + ", but its files hold " + listed + " rows");
                    }
                }
            }
        }

        private void naming(List<FileStatus> data) {
            Map<String, List<int[]>> bySplit = new LinkedHashMap<>(); // split -> (index, count)
            Map<String, List<String>> names = new LinkedHashMap<>();
            for (FileStatus entry : data) {
                String file = DATA + "/" + entry.getPath().getName();
                if (entry.isDirectory()) {
                    out.add(Rule.FILE_NAMING, file + "/", "a directory; data/ holds only shard files");
                    continue;
                }
                Matcher m = shardName.matcher(entry.getPath().getName());
                if (!m.matches()) {
                    out.add(Rule.FILE_NAMING, file, "name does not follow <split>-<index:05d>-of-<count:05d>." + format.extension()
                            + " with split train, validation or rejected" + (format == DataFormat.HF_PARQUET ? "" : " (format " + format.wireName() + ")"));
                    continue;
                }
                bySplit.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
                names.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
            }
            bySplit.forEach((split, files) -> {
                Set<Integer> counts = new TreeSet<>();
                files.forEach(f -> counts.add(f[1]));
                String first = names.get(split).getFirst();
                if (counts.size() > 1) {
                    out.add(Rule.FILE_NAMING, first, "the files of split " + split + " disagree on the -of- count: " + counts);
                    return;
                }
                int count = counts.iterator().next();
                Set<Integer> indices = new TreeSet<>();
                for (int i = 0; i < files.size(); i++) {
                    int index = files.get(i)[0];
                    indices.add(index);
                    if (index >= count) {
                        out.add(Rule.FILE_NAMING, names.get(split).get(i), "index " + index + " is not below the count " + count);
                    }
                }
                for (int i = 0; i < count; i++) {
                    if (!indices.contains(i)) {
                        out.add(Rule.FILE_NAMING, String.format("%s/%s-%05d-of-%05d.%s", DATA, split, i, count, format.extension()),
                                "missing: split " + split + " is named as " + count + " files, " + files.size() + " are there");
                    }
                }
            });
        }

        private void manifestListing() throws IOException {
            if (manifest.files() == null) {
                return;
            }
            Set<String> listed = new HashSet<>();
            for (ManifestView.FileEntry entry : manifest.files()) {
                if (!listed.add(entry.path())) {
                    out.add(Rule.MANIFEST_FILES, entry.path(), "listed more than once in manifest.json");
                    continue;
                }
                if (!entry.path().startsWith(DATA + "/") || entry.path().contains("..")) {
                    out.add(Rule.MANIFEST_FILES, entry.path(), "manifest.json lists a file outside data/");
                    continue;
                }
                FileStatus status = export.statusOrNull(entry.path());
                if (status == null || !status.isFile()) {
                    out.add(Rule.MANIFEST_FILES, entry.path(), "listed in manifest.json but missing");
                }
            }
            for (FileStatus shard : shards) {
                String file = export.relative(shard.getPath());
                if (!listed.contains(file)) {
                    out.add(Rule.MANIFEST_FILES, file, "not listed in manifest.json (a partial or foreign file?)");
                }
            }
        }

        private void card() throws IOException {
            FileStatus status = export.statusOrNull(README);
            if (status == null || !status.isFile()) {
                out.add(Rule.DATASET_CARD, README, "missing: the dataset card with the configs: header that datasets reads");
                return;
            }
            Map<String, List<String>> configured;
            try {
                configured = DatasetCardHeader.splitPaths(export.readString(README));
            } catch (IllegalArgumentException e) {
                out.add(Rule.DATASET_CARD, README, e.getMessage());
                return;
            }
            Map<String, List<String>> files = new TreeMap<>();
            for (FileStatus shard : shards) {
                Matcher m = shardName.matcher(shard.getPath().getName());
                if (m.matches()) {
                    files.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(export.relative(shard.getPath()));
                }
            }
            for (String split : files.keySet()) {
                if (!configured.containsKey(split)) {
                    out.add(Rule.DATASET_CARD, README, "configs: lists no split " + split + ", which has files");
                }
            }
            configured.forEach((split, globs) -> {
                if (!files.containsKey(split)) {
                    out.add(Rule.DATASET_CARD, README, "configs: lists split " + split + ", which has no files");
                    return;
                }
                List<Pattern> patterns = globs.stream().map(DatasetCardHeader::glob).toList();
                files.forEach((other, paths) -> {
                    for (String path : paths) {
                        boolean matched = patterns.stream().anyMatch(p -> p.matcher(path).matches());
                        if (other.equals(split) && !matched) {
                            out.add(Rule.DATASET_CARD, README, "the path of split " + split + " " + globs + " does not match " + path);
                        } else if (!other.equals(split) && matched) {
                            out.add(Rule.DATASET_CARD, README, "the path of split " + split + " " + globs + " also matches " + path);
                        }
                    }
                });
            });
        }

        /** The contract's schema for the manifest's schema_version; null when it names none (then each shard's footer says). */
        private MessageType expectedSchema() {
            if (manifest.schemaVersion() == null) {
                return null;
            }
            int version = manifest.schemaVersion();
            MessageType expected = ContractSchema.forVersion(version);
            if (expected == null) {
                out.add(Rule.SCHEMA, ManifestView.NAME, "schema_version " + version + " is not one this validator knows ("
                        + ContractSchema.knownVersions() + "); rows are not checked");
            }
            return expected;
        }

        private void shard(int index, MessageType expected, RowRules rowRules) {
            FileStatus status = shards.get(index);
            String file = export.relative(status.getPath());
            String split = splitOf(status.getPath().getName());
            ManifestView.FileEntry entry = manifest.files() == null ? null
                    : manifest.files().stream().filter(f -> f.path().equals(file)).findFirst().orElse(null);
            if (entry != null) {
                sizeAndHash(status, file, entry);
            }
            if (!format.parquet()) {
                jsonShard(status, file, entry);
                return;
            }
            ParquetMetadata footer;
            try {
                footer = export.footer(status);
            } catch (IOException | RuntimeException e) {
                out.add(Rule.FILE_READABLE, file, "cannot read the Parquet footer: " + e.getMessage());
                return;
            }
            long count = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
            rows += count;
            if (entry != null && entry.rows() != null && entry.rows() != count) {
                out.add(Rule.MANIFEST_FILES, file, "holds " + count + " rows, manifest.json says " + entry.rows());
            }
            if (expected == null && format == DataFormat.HF_PARQUET && manifest.schemaVersion() == null) {
                expected = ContractSchema.forFooter(footer.getFileMetaData().getKeyValueMetaData().get(FOOTER_SCHEMA_VERSION));
            }
            boolean schemaOk = expected != null && schema(file, expected, footer.getFileMetaData().getSchema());
            footerMetadata(file, footer.getFileMetaData().getKeyValueMetaData());
            compression(file, footer);
            if (schemaOk) {
                rows(index, status, file, split, rowRules);
            }
        }

        /** A JSON Lines or JSON array file: it parses, and holds the rows the manifest says. */
        private void jsonShard(FileStatus status, String file, ManifestView.FileEntry entry) {
            long count;
            try (var in = export.open(status)) {
                count = JsonRows.count(in, format == DataFormat.SHAREGPT);
            } catch (JsonRows.BadRow e) {
                out.add(Rule.FILE_READABLE, file, "not " + format.wireName() + " (" + format.extension() + "): " + e.getMessage());
                return;
            } catch (IOException e) {
                out.add(Rule.FILE_READABLE, file, "cannot read: " + e.getMessage());
                return;
            }
            rows += count;
            if (entry != null && entry.rows() != null && entry.rows() != count) {
                out.add(Rule.MANIFEST_FILES, file, "holds " + count + " rows, manifest.json says " + entry.rows());
            }
        }

        private void sizeAndHash(FileStatus status, String file, ManifestView.FileEntry entry) {
            if (entry.bytes() != null && entry.bytes() != status.getLen()) {
                out.add(Rule.MANIFEST_FILES, file, "is " + status.getLen() + " bytes, manifest.json says " + entry.bytes());
                return; // a different size is a different hash too
            }
            if (entry.sha256() == null) {
                return;
            }
            try {
                String sha = export.sha256(status);
                if (!sha.equals(entry.sha256())) {
                    out.add(Rule.MANIFEST_FILES, file, "SHA-256 is " + sha + ", manifest.json says " + entry.sha256());
                }
            } catch (IOException e) {
                out.add(Rule.FILE_READABLE, file, "cannot read the file to hash it: " + e.getMessage());
            }
        }

        private boolean schema(String file, MessageType expected, MessageType actual) {
            List<String> differences = ContractSchema.differences(expected, actual);
            if (differences.isEmpty()) {
                return true;
            }
            String shown = String.join("; ", differences.subList(0, Math.min(5, differences.size())));
            out.add(Rule.SCHEMA, file, "differs from the contract's schema: " + shown
                    + (differences.size() > 5 ? "; and " + (differences.size() - 5) + " more" : "") + "; rows are not checked");
            return false;
        }

        private void footerMetadata(String file, Map<String, String> footer) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put(FOOTER_SCHEMA_VERSION, manifest.schemaVersion() == null ? null : manifest.schemaVersion().toString());
            expected.put(FOOTER_RUN_ID, manifest.runId());
            expected.put(FOOTER_CONFIG_SHA256, manifest.configSha256());
            expected.forEach((key, want) -> {
                String have = footer.get(key);
                if (have == null) {
                    out.add(Rule.FOOTER_METADATA, file, "footer key/value metadata has no " + key);
                } else if (want != null && !want.equals(have)) {
                    out.add(Rule.FOOTER_METADATA, file, key + " is '" + have + "', manifest.json says '" + want + "'");
                }
            });
        }

        private void compression(String file, ParquetMetadata footer) {
            Map<String, CompressionCodecName> wrong = new LinkedHashMap<>();
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    if (column.getCodec() != CompressionCodecName.ZSTD) {
                        wrong.putIfAbsent(column.getPath().toDotString(), column.getCodec());
                    }
                }
            }
            if (!wrong.isEmpty()) {
                List<String> shown = wrong.entrySet().stream().limit(5).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
                out.add(Rule.COMPRESSION, file, "column chunks not ZSTD-compressed: " + String.join(", ", shown)
                        + (wrong.size() > 5 ? " and " + (wrong.size() - 5) + " more columns" : ""));
            }
        }

        private void rows(int fileIndex, FileStatus status, String file, String split, RowRules rowRules) {
            long row = 0;
            try (ParquetReader<Group> reader = export.rows(status, null)) {
                for (Group group; (group = reader.read()) != null; row++) {
                    var json = GroupJson.row(group);
                    rowRules.check(json, file, row, split);
                    splitLeak(fileIndex, file, row, split, json.path("task_id").asText());
                }
            } catch (IOException | RuntimeException e) {
                out.add(Rule.FILE_READABLE, file, "cannot read row " + row + ": " + e.getMessage());
            }
        }

        private void splitLeak(int fileIndex, String file, long row, String split, String taskId) {
            if (RowRules.TRAIN.equals(split)) {
                trainTasks.putIfAbsent(taskId, new long[] {fileIndex, row});
            } else if (RowRules.VALIDATION.equals(split)) {
                long[] train = trainTasks.get(taskId);
                if (train != null && leakedTasks.add(taskId)) {
                    out.add(Rule.SPLIT_LEAK, file, row, "task " + Text.quote(taskId, 80) + " is also in train ("
                            + export.relative(shards.get((int) train[0]).getPath()) + " row " + train[1] + ")");
                }
            }
        }
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** train, validation, rejected (by file name prefix), or null. */
    static String splitOf(String fileName) {
        for (String split : SPLITS) {
            if (fileName.startsWith(split + "-")) {
                return split;
            }
        }
        return null;
    }

    private static int splitOrder(String fileName) {
        String split = splitOf(fileName);
        return split == null ? SPLITS.size() : SPLITS.indexOf(split);
    }
}
