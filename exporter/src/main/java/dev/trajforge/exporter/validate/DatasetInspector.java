package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shows what is in an export directory or a single data file: the schema, rows per split and per file,
 * domains, and one row rendered for people (a trajectory as a conversation: roles, tool calls with their
 * arguments, tool results abbreviated). Reads through Hadoop's {@code FileSystem}; streams rows.
 * Parquet exports get everything; JSON exports ({@code openai-jsonl}, {@code sharegpt}) their files,
 * counts and one row.
 */
public final class DatasetInspector {
    private static final String DOMAIN_ONLY = "message trajectory { required binary domain (STRING); }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetInspector() {
    }

    /**
     * Prints the inspection of {@code location} (a local path or any Hadoop URI, an export directory or
     * one data file) to {@code out}. {@code row} picks the row shown: 0-based, counted over the files in
     * split order (train, validation, rejected) for a directory.
     *
     * @throws IOException              when the location cannot be read
     * @throws IllegalArgumentException when {@code row} is not a row of the data
     */
    public static void inspect(String location, Configuration conf, long row, PrintStream out) throws IOException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(out, "out");
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0, got " + row);
        }
        ExportLocation at = ExportLocation.open(location, conf);
        if (at.isDirectory()) {
            directory(at, row, out);
        } else {
            single(at, row, out);
        }
    }

    /** One data file; {@code footer} for Parquet, else {@code jsonRows}; {@code error} when it cannot be read. */
    private record Shard(String file, FileStatus status, DataFormat format, ParquetMetadata footer, long jsonRows, String error) {
        long rows() {
            return footer != null ? footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum() : jsonRows;
        }

        boolean readable() {
            return error == null;
        }
    }

    private static void directory(ExportLocation export, long row, PrintStream out) throws IOException {
        out.println("export " + export.uri());
        out.println("  _SUCCESS " + (export.statusOrNull(DatasetValidator.SUCCESS) != null ? "present" : "MISSING (not committed: do not trust)"));
        DataFormat format = manifestSummary(export, out);
        List<Shard> shards = new ArrayList<>();
        for (FileStatus status : export.list(DatasetValidator.DATA)) {
            String name = status.getPath().getName();
            if (status.isFile() && name.endsWith("." + format.extension()) && !name.startsWith(".") && !name.startsWith("_")) {
                shards.add(open(export, status, format));
            }
        }
        shards.sort(Comparator.comparing((Shard s) -> order(s.status().getPath().getName())).thenComparing(Shard::file));
        if (shards.isEmpty()) {
            out.println("  no ." + format.extension() + " files under data/");
            return;
        }
        shards.stream().filter(s -> s.footer() != null).findFirst()
                .ifPresent(s -> printSchema(s.footer().getFileMetaData().getSchema(), out));
        printSplits(shards, out);
        printDomains(export, shards, out);
        long remaining = row;
        for (Shard shard : shards) {
            if (shard.readable() && remaining < shard.rows()) {
                printRow(export, shard, remaining, "row " + row + " = " + shard.file() + " row " + remaining, out);
                return;
            }
            remaining -= shard.readable() ? shard.rows() : 0;
        }
        long total = shards.stream().filter(Shard::readable).mapToLong(Shard::rows).sum();
        throw new IllegalArgumentException("row " + row + " is out of range: the readable files hold " + total + " rows");
    }

    private static void single(ExportLocation file, long row, PrintStream out) throws IOException {
        String name = file.rootStatus().getPath().getName();
        DataFormat format = name.endsWith(".jsonl") ? DataFormat.OPENAI_JSONL : name.endsWith(".json") ? DataFormat.SHAREGPT : DataFormat.HF_PARQUET;
        Shard shard = open(file, file.rootStatus(), format);
        if (!shard.readable()) {
            throw new IOException(file.uri() + " is not a readable " + format.extension() + " data file: " + shard.error());
        }
        if (shard.footer() != null) {
            ParquetMetadata footer = shard.footer();
            TreeSet<String> codecs = new TreeSet<>();
            footer.getBlocks().forEach(b -> b.getColumns().stream().map(ColumnChunkMetaData::getCodec).forEach(c -> codecs.add(c.name())));
            int groups = footer.getBlocks().size();
            out.printf(Locale.ROOT, "shard %s%n  %d rows in %d row group%s, %s, compression %s%n", file.uri(), shard.rows(),
                    groups, groups == 1 ? "" : "s", size(shard.status().getLen()), String.join(", ", codecs));
            footer.getFileMetaData().getKeyValueMetaData().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("trajforge."))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println("  " + e.getKey() + " = " + e.getValue()));
            printSchema(footer.getFileMetaData().getSchema(), out);
            printDomains(file, List.of(shard), out);
        } else {
            out.printf(Locale.ROOT, "file %s%n  %d rows, %s, %s%n", file.uri(), shard.rows(), size(shard.status().getLen()),
                    format == DataFormat.SHAREGPT ? "a JSON array" : "JSON Lines");
        }
        if (row >= shard.rows()) {
            throw new IllegalArgumentException("row " + row + " is out of range: the file holds " + shard.rows() + " rows");
        }
        printRow(file, shard, row, "row " + row, out);
    }

    private static Shard open(ExportLocation export, FileStatus status, DataFormat format) {
        String file = export.relative(status.getPath());
        try {
            if (format.parquet()) {
                return new Shard(file, status, format, export.footer(status), 0, null);
            }
            try (InputStream in = export.open(status)) {
                return new Shard(file, status, format, null, JsonRows.count(in, format == DataFormat.SHAREGPT), null);
            }
        } catch (IOException | RuntimeException e) {
            return new Shard(file, status, format, null, 0, e.getMessage());
        }
    }

    private static DataFormat manifestSummary(ExportLocation export, PrintStream out) {
        try {
            if (export.statusOrNull(ManifestView.NAME) == null) {
                out.println("  manifest.json MISSING");
                return DataFormat.HF_PARQUET;
            }
            ManifestView m = ManifestView.read(export.readString(ManifestView.NAME), new Violations());
            out.printf(Locale.ROOT, "  run %s  schema_version %s  format %s  config_sha256 %s%n", m.runId(), m.schemaVersion(),
                    m.format().wireName(), m.configSha256());
            out.printf(Locale.ROOT, "  episodes %s: accepted %s, rejected %s, infra_failed %s%n", m.episodes(), m.accepted(),
                    m.rejected(), m.infraFailed());
            return m.format();
        } catch (IOException e) {
            out.println("  manifest.json unreadable: " + e.getMessage());
            return DataFormat.HF_PARQUET;
        }
    }

    private static void printSchema(MessageType schema, PrintStream out) {
        out.println("schema (" + schema.getFieldCount() + " columns):");
        out.print(TrajectoryRenderer.schema(schema));
    }

    private static void printSplits(List<Shard> shards, PrintStream out) {
        Map<String, List<Shard>> bySplit = new LinkedHashMap<>();
        for (Shard shard : shards) {
            String split = DatasetValidator.splitOf(shard.status().getPath().getName());
            bySplit.computeIfAbsent(split == null ? "(other)" : split, k -> new ArrayList<>()).add(shard);
        }
        out.println("splits:");
        bySplit.forEach((split, files) -> {
            long rows = files.stream().filter(Shard::readable).mapToLong(Shard::rows).sum();
            out.printf(Locale.ROOT, "  %-12s %8d rows  %d file%s%n", split, rows, files.size(), files.size() == 1 ? "" : "s");
            for (Shard f : files) {
                out.printf(Locale.ROOT, "    %-44s %8s  %s%n", f.file(), f.readable() ? f.rows() + " rows" : "-",
                        f.readable() ? size(f.status().getLen()) : "unreadable: " + f.error());
            }
        });
    }

    private static void printDomains(ExportLocation export, List<Shard> shards, PrintStream out) {
        Map<String, Long> domains = new TreeMap<>();
        for (Shard shard : shards) {
            if (shard.footer() == null || !shard.footer().getFileMetaData().getSchema().containsField("domain")) {
                continue;
            }
            try (ParquetReader<Group> reader = export.rows(shard.status(), DOMAIN_ONLY)) {
                for (Group g; (g = reader.read()) != null; ) {
                    domains.merge(g.getString(0, 0), 1L, Long::sum);
                }
            } catch (IOException | RuntimeException e) {
                out.println("domains: cannot read " + shard.file() + ": " + e.getMessage());
                return;
            }
        }
        if (!domains.isEmpty()) {
            out.println("domains:");
            domains.forEach((domain, rows) -> out.printf(Locale.ROOT, "  %-20s %8d rows%n", domain, rows));
        }
    }

    private static void printRow(ExportLocation export, Shard shard, long index, String title, PrintStream out) throws IOException {
        JsonNode row = shard.footer() != null ? parquetRow(export, shard, index) : jsonRow(export, shard, index);
        out.println(title + ":");
        boolean trajectory = row.has("messages") && row.has("tools") && row.has("task_id") && row.has("reward");
        out.print(trajectory ? TrajectoryRenderer.trajectory(row) : TrajectoryRenderer.fields(row));
    }

    private static JsonNode parquetRow(ExportLocation export, Shard shard, long index) throws IOException {
        try (ParquetReader<Group> reader = export.rows(shard.status(), null)) {
            Group g = null;
            for (long i = 0; i <= index; i++) {
                g = reader.read();
            }
            if (g == null) {
                throw new IllegalArgumentException("row " + index + " is out of range: " + shard.file() + " ended early");
            }
            return GroupJson.row(g);
        }
    }

    private static JsonNode jsonRow(ExportLocation export, Shard shard, long index) throws IOException {
        try (InputStream in = export.open(shard.status())) {
            if (shard.format() == DataFormat.SHAREGPT) {
                JsonNode all = JSON.readTree(in); // ShareGPT files are one JSON array; shards are size-bounded
                return all.get((int) index);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            long seen = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank() && seen++ == index) {
                    return JSON.readTree(line);
                }
            }
            throw new IllegalArgumentException("row " + index + " is out of range: " + shard.file() + " ended early");
        }
    }

    private static int order(String fileName) {
        String split = DatasetValidator.splitOf(fileName);
        return split == null ? DatasetValidator.SPLITS.size() : DatasetValidator.SPLITS.indexOf(split);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
