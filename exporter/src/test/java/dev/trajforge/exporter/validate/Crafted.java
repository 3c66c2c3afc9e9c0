package dev.trajforge.exporter.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Breaks a copy of a good export in exactly one way: edits rows (as JSON, the way pyarrow sees them) and
 * writes the shard again with any schema, footer and codec, edits {@code manifest.json}, and brings the
 * manifest's sizes and hashes up to date so that only the intended rule breaks.
 */
final class Crafted {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Crafted() {
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The export's shards of {@code split}, by name. */
    static List<String> shards(Path export, String split) {
        try (Stream<Path> files = Files.list(export.resolve("data"))) {
            return files.map(p -> "data/" + p.getFileName()).filter(n -> n.startsWith("data/" + split + "-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first shard of {@code split} with at least {@code rows} rows. */
    static String shardWithRows(Path export, String split, int rows) {
        return shards(export, split).stream().filter(s -> rows(export.resolve(s)).size() >= rows).findFirst()
                .orElseThrow(() -> new AssertionError("no " + split + " shard with " + rows + " rows in " + export));
    }

    static List<ObjectNode> rows(Path shard) {
        try {
            ExportLocation location = ExportLocation.open(shard.toString(), new Configuration());
            List<ObjectNode> rows = new ArrayList<>();
            try (ParquetReader<Group> reader = location.rows(location.rootStatus(), null)) {
                for (Group g; (g = reader.read()) != null; ) {
                    rows.add(GroupJson.row(g));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParquetMetadata footer(Path shard) {
        try {
            ExportLocation location = ExportLocation.open(shard.toString(), new Configuration());
            FileStatus status = location.rootStatus();
            return location.footer(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits the rows of one shard in place (same schema, footer metadata and ZSTD), then refreshes the manifest. */
    static void editRows(Path export, String shard, Consumer<List<ObjectNode>> edit) {
        Path file = export.resolve(shard);
        ParquetMetadata footer = footer(file);
        List<ObjectNode> rows = rows(file);
        edit.accept(rows);
        write(file, footer.getFileMetaData().getSchema(), footer.getFileMetaData().getKeyValueMetaData(), CompressionCodecName.ZSTD, rows);
        refreshManifest(export);
    }

    /** Edits one row of one shard, as {@link #editRows}. */
    static void editRow(Path export, String shard, int row, Consumer<ObjectNode> edit) {
        editRows(export, shard, rows -> edit.accept(rows.get(row)));
    }

    /** Writes the shard again with its rows but another schema, footer or codec, then refreshes the manifest. */
    static void rewrite(Path export, String shard, MessageType schema, Map<String, String> footer, CompressionCodecName codec) {
        Path file = export.resolve(shard);
        write(file, schema, footer, codec, rows(file));
        refreshManifest(export);
    }

    static void write(Path file, MessageType schema, Map<String, String> footer, CompressionCodecName codec, List<? extends JsonNode> rows) {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withExtraMetaData(withoutWriterKeys(footer))
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withConf(new Configuration())
                .build()) {
            for (JsonNode row : rows) {
                writer.write(group(row, schema));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON row as a Group of {@code schema}: arrays become 3-level (or 2-level) LIST groups, nulls absent optional values. */
    static Group group(JsonNode row, MessageType schema) {
        SimpleGroup group = new SimpleGroup(schema);
        fill(group, schema, row);
        return group;
    }

    private static void fill(Group group, GroupType type, JsonNode node) {
        for (Type field : type.getFields()) {
            JsonNode value = node.get(field.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                value.forEach(item -> add(group, field, item));
            } else {
                add(group, field, value);
            }
        }
    }

    private static void add(Group group, Type field, JsonNode value) {
        String name = field.getName();
        if (field.isPrimitive()) {
            switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                case BINARY -> group.add(name, value.asText());
                case INT32 -> group.add(name, value.asInt());
                case INT64 -> group.add(name, value.asLong());
                case DOUBLE -> group.add(name, value.asDouble());
                case FLOAT -> group.add(name, (float) value.asDouble());
                case BOOLEAN -> group.add(name, value.asBoolean());
                default -> throw new IllegalArgumentException("unsupported column type of " + name);
            }
            return;
        }
        GroupType groupType = field.asGroupType();
        Group child = group.addGroup(name);
        if (value.isArray()) { // a LIST group: one repeated field
            Type repeated = groupType.getType(0);
            for (JsonNode item : value) {
                if (repeated.isPrimitive()) { // 2-level: repeated binary array
                    add(child, repeated, item);
                } else {
                    Group entry = child.addGroup(repeated.getName());
                    Type element = repeated.asGroupType().getType(0);
                    if (!item.isNull()) {
                        add(entry, element, item);
                    }
                }
            }
            return;
        }
        fill(child, groupType, value);
    }

    /** Sets every manifest entry's bytes, sha256 and rows to what is on disk (files that exist). */
    static void refreshManifest(Path export) {
        editManifest(export, manifest -> {
            for (JsonNode entry : manifest.get("files")) {
                Path file = export.resolve(entry.get("path").asText());
                if (!Files.exists(file)) {
                    continue;
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    ((ObjectNode) entry).put("bytes", bytes.length).put("sha256", Hashing.sha256Hex(bytes));
                    if (bytes.length >= 4 && new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("PAR1")) {
                        try {
                            long rows = footer(file).getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
                            ((ObjectNode) entry).put("rows", rows);
                        } catch (UncheckedIOException notParquet) {
                            // leave rows as they are
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    static void editManifest(Path export, Consumer<ObjectNode> edit) {
        Path file = export.resolve("manifest.json");
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(manifest);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode manifestEntry(ObjectNode manifest, String path) {
        for (JsonNode entry : manifest.get("files")) {
            if (entry.get("path").asText().equals(path)) {
                return (ObjectNode) entry;
            }
        }
        throw new AssertionError(path + " not in the manifest");
    }

    static ArrayNode messages(ObjectNode row) {
        return (ArrayNode) row.get("messages");
    }

    static ObjectNode message(ObjectNode row, int index) {
        return (ObjectNode) row.get("messages").get(index);
    }

    /** parquet-java adds writer.model.name itself and refuses it as extra metadata */
    private static Map<String, String> withoutWriterKeys(Map<String, String> footer) {
        return without(footer, "writer.model.name");
    }

    static Map<String, String> without(Map<String, String> map, String key) {
        Map<String, String> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
