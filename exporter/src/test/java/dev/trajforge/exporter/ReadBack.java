package dev.trajforge.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parquet files read back as JSON rows, the way pyarrow and {@code datasets} see them: 3-level lists as
 * arrays, other groups as objects, absent values null, fields in schema order. Once with parquet-java's
 * own record reader and once with DuckDB, neither of which shares code with the writer's options.
 */
final class ReadBack {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadBack() {
    }

    /** Every row of {@code file}, in file order, read by parquet-java's example record reader. */
    static List<JsonNode> parquetJava(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(new Configuration()).build()) {
            for (Group row; (row = reader.read()) != null; ) {
                rows.add(JSON.readTree(object(row, row.getType()).toString())); // numbers as a JSON parser reads them, as DuckDB's are
            }
        }
        return rows;
    }

    /** Every row of {@code file}, in file order, read by DuckDB ({@code to_json} of each row). */
    static List<JsonNode> duckDb(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String row : DuckDb.strings("SELECT to_json(t) FROM (SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + file
                + "', file_row_number = true) ORDER BY file_row_number) t")) {
            rows.add(JSON.readTree(row));
        }
        return rows;
    }

    /** The row groups of {@code file}, from its footer. */
    static List<BlockMetaData> rowGroups(Path file) throws IOException {
        try (ParquetFileReader reader = open(file)) {
            return reader.getRowGroups();
        }
    }

    /** parquet-java's file reader on {@code file}. */
    static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()));
    }

    /** SHA-256 of the rows as compact JSON lines: a pin of what a file holds, not of how its bytes are encoded. */
    static String sha256(List<JsonNode> rows) {
        StringBuilder lines = new StringBuilder();
        rows.forEach(row -> lines.append(row).append('\n'));
        return Hashing.sha256Hex(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode object(Group group, GroupType type) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            node.set(field.getName(), group.getFieldRepetitionCount(i) == 0 ? NODES.nullNode() : value(group, i, field));
        }
        return node;
    }

    private static JsonNode value(Group group, int field, Type type) {
        if (type.isPrimitive()) {
            return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
                case BINARY -> NODES.textNode(group.getString(field, 0));
                case INT32 -> NODES.numberNode(group.getInteger(field, 0));
                case INT64 -> NODES.numberNode(group.getLong(field, 0));
                case DOUBLE -> NODES.numberNode(group.getDouble(field, 0));
                case BOOLEAN -> NODES.booleanNode(group.getBoolean(field, 0));
                default -> throw new IllegalArgumentException("not in the contract: " + type);
            };
        }
        Group child = group.getGroup(field, 0);
        if (!LogicalTypeAnnotation.listType().equals(type.getLogicalTypeAnnotation())) {
            return object(child, type.asGroupType());
        }
        ArrayNode items = NODES.arrayNode();
        Type element = type.asGroupType().getType(0).asGroupType().getType(0);
        for (int r = 0; r < child.getFieldRepetitionCount(0); r++) {
            items.add(value(child.getGroup(0, r), 0, element));
        }
        return items;
    }
}
