package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A committed export directory read back whatever its format (what {@code trajforge report DIR} reads): its
 * {@code manifest.json} and its rows in split order (train, validation, rejected). Parquet rows come as the contract's
 * columns ({@link StoredRows}); an openai-jsonl line or a sharegpt element comes as the JSON object it is; a dpo export's
 * rows are preference pairs, not episodes, and none are given. A directory without {@code manifest.json} is not an
 * export, and one without {@code _SUCCESS} is not committed: both are refused, naming what is missing.
 */
public final class StoredExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportLocation at;
    private final String manifest;
    private final DataFormat format;

    private StoredExport(ExportLocation at, String manifest, DataFormat format) {
        this.at = at;
        this.manifest = manifest;
        this.format = format;
    }

    public static StoredExport open(String location, Configuration conf) throws IOException {
        ExportLocation at = ExportLocation.open(location, conf);
        if (!at.isDirectory()) throw new IOException(at.uri() + " is a file, not an export directory");
        if (at.statusOrNull(ManifestView.NAME) == null) {
            throw new FileNotFoundException(at.uri() + " has no " + ManifestView.NAME + ": it is not a trajforge export");
        }
        if (at.statusOrNull(DatasetValidator.SUCCESS) == null) {
            throw new IOException(at.uri() + " has no " + DatasetValidator.SUCCESS + ": the export was not committed (or is being replaced)");
        }
        String text = at.readString(ManifestView.NAME);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(at.uri() + "/" + ManifestView.NAME + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("run_id")) {
            throw new IOException(at.uri() + "/" + ManifestView.NAME + " is not a trajforge manifest (no run_id)");
        }
        ManifestView view = ManifestView.read(text, new Violations());
        return new StoredExport(at, text, view.format());
    }

    public URI uri() {
        return at.uri();
    }

    public String manifest() {
        return manifest;
    }

    /** The format's wire name, e.g. {@code hf-parquet}. */
    public String format() {
        return format.wireName();
    }

    /** Whether the rows are episodes (every format but dpo, whose rows are preference pairs). */
    public boolean rowsAreEpisodes() {
        return format.rowsAreEpisodes();
    }

    /** Every row, in split order; none for a dpo export. */
    public void rows(Consumer<StoredRows.Row> out) throws IOException {
        if (!format.rowsAreEpisodes()) return;
        if (format.parquet()) {
            StoredRows.read(at.uri().toString(), at.conf(), out);
            return;
        }
        for (String split : List.of(RowRules.TRAIN, RowRules.VALIDATION, RowRules.REJECTED)) {
            for (FileStatus status : at.list(DatasetValidator.DATA)) {
                String name = status.getPath().getName();
                if (!status.isFile() || !name.startsWith(split + "-") || !name.endsWith("." + format.extension())) continue;
                String file = at.relative(status.getPath());
                try (InputStream in = at.open(status)) {
                    if (format == DataFormat.SHAREGPT) elements(in, file, split, out); else lines(in, file, split, out);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
                }
            }
        }
    }

    /**
     * Writes {@code content} to {@code target} (a local path or a Hadoop URI), or to {@code name} in the export directory
     * when {@code target} is null, replacing what is there; returns where it went.
     */
    public URI write(String target, String name, byte[] content) throws IOException {
        Path path = target == null ? at.path(name) : ExportLocation.toHadoopPath(target);
        FileSystem fs = path.getFileSystem(at.conf());
        Path qualified = fs.makeQualified(path);
        if (fs.exists(qualified) && fs.getFileStatus(qualified).isDirectory()) throw new IOException(qualified + " is a directory");
        try (OutputStream stream = fs.create(qualified, true)) {
            stream.write(content);
        }
        return qualified.toUri();
    }

    private static void lines(InputStream in, String file, String split, Consumer<StoredRows.Row> out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long index = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) continue;
            out.accept(new StoredRows.Row(file, index++, split, JSON.readTree(line)));
        }
    }

    private static void elements(InputStream in, String file, String split, Consumer<StoredRows.Row> out) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new IOException(file + ": not a JSON array");
            long index = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode element = JSON.readTree(parser);
                out.accept(new StoredRows.Row(file, index++, split, element));
            }
        }
    }
}
