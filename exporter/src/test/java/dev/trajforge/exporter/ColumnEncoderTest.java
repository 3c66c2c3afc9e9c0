package dev.trajforge.exporter;

import dev.trajforge.simenv.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The column encoders' pages read back by parquet-java's record reader and by DuckDB, neither of which
 * shares code with them: every type, nulls at every level, dictionaries that pay, that fall back on
 * the first page and that overflow mid-chunk, several pages and several row groups.
 */
class ColumnEncoderTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message test {
              required binary text (STRING);
              optional binary label (STRING);
              required binary unique (STRING);
              optional int32 small;
              required int64 big;
              required double score;
              optional boolean flag;
              optional binary always_null (STRING);
              required group tags (LIST) {
                repeated group list {
                  required binary element (STRING);
                }
              }
            }""");

    @TempDir
    java.nio.file.Path dir;

    record Row(String text, String label, String unique, Integer small, long big, double score, Boolean flag, List<String> tags) {
        static Row number(int i) {
            // text: each value twice in a row (the dictionary pays on the first page), about 1.9 KB each, so
            // 20,000 rows overflow the 1 MiB dictionary mid-chunk; non-ASCII too
            String text = "row " + i / 2 + " é 日本 " + "x".repeat(1850 + i / 2 % 50);
            String label = i % 7 == 0 ? null : "label-" + i % 5;
            Integer small = i % 3 == 0 ? null : i % 1000 - 500;
            Boolean flag = i % 4 == 0 ? null : i % 3 == 1;
            List<String> tags = new ArrayList<>();
            for (int k = 0; k < i % 4; k++) {
                tags.add("tag" + (i + k) % 11);
            }
            return new Row(text, label, "unique-" + i + "-" + Long.toHexString(i * 0x9E3779B97F4A7C15L), small, (long) i << 33, i / 8.0, flag, tags);
        }
    }

    static final class Rows implements ShreddedRows<Row> {
        private final Leaves leaves = new Leaves(SCHEMA);
        private final Leaves.Leaf text = leaves.of("text");
        private final Leaves.Leaf label = leaves.of("label");
        private final Leaves.Leaf unique = leaves.of("unique");
        private final Leaves.Leaf small = leaves.of("small");
        private final Leaves.Leaf big = leaves.of("big");
        private final Leaves.Leaf score = leaves.of("score");
        private final Leaves.Leaf flag = leaves.of("flag");
        private final Leaves.Leaf alwaysNull = leaves.of("always_null");
        private final ListLeaves.Strings tags = new ListLeaves.Strings(leaves, "tags");

        @Override
        public Leaves leaves() {
            return leaves;
        }

        @Override
        public void write(Row row) {
            text.string(row.text());
            label.string(row.label());
            unique.string(row.unique());
            if (row.small() == null) small.missing(0, 0); else small.int32(row.small(), 0, 1);
            big.int64(row.big(), 0, 0);
            score.float64(row.score(), 0, 0);
            if (row.flag() == null) flag.missing(0, 0); else flag.bool(row.flag(), 0, 1);
            alwaysNull.string(null);
            tags.write(row.tags());
        }
    }

    @Test
    void should_fall_back_to_plain_mid_chunk_when_a_dictionary_fills_and_read_back_every_value() throws IOException {
        Path file = write("full.parquet", 20_003, 64L << 20);

        assertEquals(20_003, readAndCompare(file));
        List<Map<String, ColumnChunkMetaData>> groups = columns(file);
        assertEquals(1, groups.size(), "about 19 MB of distinct text fit one 64 MiB row group");
        Map<String, ColumnChunkMetaData> group = groups.getFirst();
        assertEquals(Set.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN, Encoding.RLE), group.get("text").getEncodings(), "a 1 MiB dictionary, then plain");
        assertTrue(group.get("text").getDictionaryPageOffset() > 0);
        assertFalse(group.get("unique").getEncodings().contains(Encoding.PLAIN_DICTIONARY), "a dictionary of unique values does not pay");
        assertEquals(Set.of(Encoding.PLAIN_DICTIONARY, Encoding.RLE), group.get("label").getEncodings());
    }

    @Test
    void should_fall_back_to_plain_mid_chunk_when_one_row_overflows_the_dictionary() throws IOException {
        Path path = new Path(dir.resolve("overflow.parquet").toUri());
        Configuration conf = new Configuration();
        NioLocalFileSystem.install(conf);
        ParquetShardWriter<Row> writer = ParquetShardWriter.open(HadoopOutputFile.fromPath(path, conf), 64L << 20, new Rows(), Map.of(), "unique");
        for (int i = 0; i < 800; i++) { // more than a page (1 MiB), dictionary-encoded
            writer.write(Row.number(i));
        }
        Row huge = Row.number(800);
        writer.write(new Row("y".repeat(17 << 20), huge.label(), huge.unique(), huge.small(), huge.big(), huge.score(), huge.flag(), huge.tags()));
        writer.write(Row.number(801));
        writer.close();

        ColumnChunkMetaData text = columns(path).getFirst().get("text");
        assertTrue(text.getEncodings().containsAll(Set.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN)), text.getEncodings().toString());
        assertEquals(List.of("802 " + (17 << 20) + " " + Row.number(801).text().length()), DuckDb.strings("SELECT count(*) || ' ' || max(length(text)) "
                + "|| ' ' || (SELECT length(text) FROM read_parquet('" + path.toUri().getPath() + "') WHERE \"unique\" = '" + Row.number(801).unique()
                + "') FROM read_parquet('" + path.toUri().getPath() + "')"));
    }

    @Test
    void should_read_back_every_value_across_several_row_groups_and_pages() throws IOException {
        Path file = write("groups.parquet", 9_001, 2L << 20);

        assertEquals(9_001, readAndCompare(file));
        assertTrue(columns(file).size() > 2, "row groups: " + columns(file).size());
        assertEquals(List.of("9001 2250 13500"), DuckDb.strings("SELECT count(*) || ' ' || sum(CASE WHEN flag THEN 1 ELSE 0 END) || ' ' "
                + "|| sum(len(tags)) FROM read_parquet('" + file.toUri().getPath() + "')"));
    }

    @Test
    void should_write_the_same_bytes_for_the_same_rows() throws IOException {
        write("first.parquet", 3_000, 1L << 20);
        write("second.parquet", 3_000, 1L << 20);

        assertEquals(Hashing.sha256Hex(Files.readAllBytes(dir.resolve("first.parquet"))),
                Hashing.sha256Hex(Files.readAllBytes(dir.resolve("second.parquet"))));
    }

    @Test
    void should_count_nulls_and_keep_min_max_in_the_footer_statistics() throws IOException {
        Path file = write("stats.parquet", 700, 64L << 20);

        ColumnChunkMetaData small = columns(file).getFirst().get("small");
        assertEquals(234, small.getStatistics().getNumNulls()); // i % 3 == 0 for i < 700
        assertEquals(-499, (int) (Integer) small.getStatistics().genericGetMin());
        assertEquals(198, (int) (Integer) small.getStatistics().genericGetMax()); // 699 % 3 == 0
        assertEquals(700, columns(file).getFirst().get("always_null").getStatistics().getNumNulls());
    }

    private Path write(String name, int rows, long rowGroupBytes) throws IOException {
        Path path = new Path(dir.resolve(name).toUri());
        Configuration conf = new Configuration();
        NioLocalFileSystem.install(conf);
        ParquetShardWriter<Row> writer = ParquetShardWriter.open(HadoopOutputFile.fromPath(path, conf), rowGroupBytes, new Rows(), Map.of(), "unique");
        for (int i = 0; i < rows; i++) {
            writer.write(Row.number(i));
        }
        writer.close();
        return path;
    }

    /** Reads every row with parquet-java's record reader and compares it with the row written; the rows read. */
    private static int readAndCompare(Path file) throws IOException {
        int i = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(new Configuration()).build()) {
            for (Group g; (g = reader.read()) != null; i++) {
                Row expected = Row.number(i);
                String at = "row " + i;
                assertEquals(expected.text(), g.getString("text", 0), at);
                assertEquals(expected.label(), g.getFieldRepetitionCount("label") == 0 ? null : g.getString("label", 0), at);
                assertEquals(expected.unique(), g.getString("unique", 0), at);
                assertEquals(expected.small(), g.getFieldRepetitionCount("small") == 0 ? null : g.getInteger("small", 0), at);
                assertEquals(expected.big(), g.getLong("big", 0), at);
                assertEquals(expected.score(), g.getDouble("score", 0), at);
                assertEquals(expected.flag(), g.getFieldRepetitionCount("flag") == 0 ? null : g.getBoolean("flag", 0), at);
                assertEquals(0, g.getFieldRepetitionCount("always_null"), at);
                Group tags = g.getGroup("tags", 0);
                List<String> read = new ArrayList<>();
                for (int k = 0; k < tags.getFieldRepetitionCount("list"); k++) {
                    read.add(tags.getGroup("list", k).getString("element", 0));
                }
                assertEquals(expected.tags(), read, at);
            }
        }
        return i;
    }

    /** Each row group's column chunks by name. */
    private static List<Map<String, ColumnChunkMetaData>> columns(Path file) throws IOException {
        List<Map<String, ColumnChunkMetaData>> groups = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                Map<String, ColumnChunkMetaData> byName = new HashMap<>();
                block.getColumns().forEach(c -> byName.put(c.getPath().toDotString().split("\\.")[0], c));
                groups.add(byName);
            }
        }
        return groups;
    }
}
