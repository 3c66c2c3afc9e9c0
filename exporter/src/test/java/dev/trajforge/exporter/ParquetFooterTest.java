package dev.trajforge.exporter;

import dev.trajforge.simenv.Message;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the written footers with parquet-java's own reader: the contract's schema and footer metadata,
 * and that the writer's options took effect (ZSTD, bloom filter, statistics, indexes, dictionaries,
 * row group size).
 */
class ParquetFooterTest {
    @TempDir
    static java.nio.file.Path dir;
    static ExportResult result;

    @BeforeAll
    static void export() {
        result = Fixtures.export(Fixtures.settings(dir.resolve("out"), true), Fixtures.run(6, 2));
    }

    @Test
    void should_use_standard_three_level_lists_for_every_list_column() throws IOException {
        MessageType schema = open(result.files().getFirst()).getFileMetaData().getSchema();
        GroupType message = assertThreeLevelList(schema.getType("messages")).asGroupType();
        assertThreeLevelList(message.getType("tool_calls"));
        assertTrue(message.getType("tool_calls").isRepetition(Type.Repetition.OPTIONAL));
        assertThreeLevelList(schema.getType("reject_reasons"));
        assertThreeLevelList(schema.getType("faults"));
        assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("id").getLogicalTypeAnnotation());
        assertEquals(TrajectorySchema.SCHEMA, schema);
    }

    @Test
    void should_compress_every_column_chunk_with_zstd() throws IOException {
        for (ExportResult.ShardFile file : result.files()) {
            for (BlockMetaData block : open(file).getRowGroups()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertEquals(CompressionCodecName.ZSTD, column.getCodec(), file.path() + " " + column.getPath());
                }
            }
        }
    }

    @Test
    void should_write_schema_version_run_id_and_config_hash_into_the_footer() throws IOException {
        for (ExportResult.ShardFile file : result.files()) {
            Map<String, String> meta = open(file).getFileMetaData().getKeyValueMetaData();
            assertEquals("6", meta.get("trajforge.schema_version"));
            assertEquals(Fixtures.RUN_ID, meta.get("trajforge.run_id"));
            assertEquals(Fixtures.CONFIG_SHA256, meta.get("trajforge.config_sha256"));
        }
    }

    @Test
    void should_be_written_by_parquet_java_through_the_trajforge_write_support() throws IOException {
        for (ExportResult.ShardFile file : result.files()) {
            FileMetaData meta = open(file).getFileMetaData();
            assertTrue(meta.getCreatedBy().startsWith("parquet-mr version "), meta.getCreatedBy());
            assertEquals("trajforge", meta.getKeyValueMetaData().get("writer.model.name"));
        }
    }

    @Test
    void should_write_a_bloom_filter_on_id_sized_for_a_full_row_group_that_finds_every_id_of_its_row_group() throws IOException {
        int expectedBytes = new BlockSplitBloomFilter(BlockSplitBloomFilter.optimalNumOfBits(ParquetWriterOptions.ROW_GROUP_ROWS,
                ParquetWriterOptions.BLOOM_FILTER_FPP) / 8, ParquetProperties.DEFAULT_MAX_BLOOM_FILTER_BYTES).getBitsetSize();
        for (ExportResult.ShardFile file : result.files()) {
            java.nio.file.Path path = dir.resolve("out").resolve(file.path());
            List<String> ids = ReadBack.parquetJava(path).stream().map(row -> row.get("id").asText()).toList();
            try (ParquetFileReader reader = open(file)) {
                BlockMetaData block = reader.getRowGroups().getFirst();
                assertEquals(1, reader.getRowGroups().size());
                BloomFilter filter = reader.readBloomFilter(column(block, "id"));
                assertNotNull(filter, "bloom filter on id");
                assertEquals(expectedBytes, filter.getBitsetSize(), "sized for " + ParquetWriterOptions.ROW_GROUP_ROWS + " ids");
                for (String id : ids) {
                    assertTrue(filter.findHash(filter.hash(Binary.fromString(id))), file.path() + ": " + id);
                }
                assertFalse(filter.findHash(filter.hash(Binary.fromString("not-an-id"))));
                assertNull(reader.readBloomFilter(column(block, "domain")), "bloom filter only on id");
            }
        }
    }

    @Test
    void should_keep_min_max_statistics_except_on_free_text_and_size_statistics_on_every_column() throws IOException {
        ExportResult.ShardFile file = result.files().stream().filter(f -> f.split().equals("train")).findFirst().orElseThrow();
        try (ParquetFileReader reader = open(file)) {
            BlockMetaData block = reader.getRowGroups().getFirst();
            for (ColumnChunkMetaData column : block.getColumns()) {
                String[] path = column.getPath().toArray();
                String name = column.getPath().toDotString();
                boolean freeText = ParquetWriterOptions.FREE_TEXT.contains(path[path.length - 1]);
                boolean allNull = column.getStatistics().getNumNulls() == column.getValueCount();
                assertEquals(!freeText && !allNull, column.getStatistics().hasNonNullValue(), name + ": min/max");
                assertEquals(!freeText, reader.readColumnIndex(column) != null, name + ": column index");
                assertNotNull(reader.readOffsetIndex(column), name + ": offset index");
                SizeStatistics size = column.getSizeStatistics();
                assertTrue(size != null && size.isValid(), name + ": size statistics");
                if (column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
                    assertTrue(size.getUnencodedByteArrayDataBytes().isPresent(), name + ": string bytes before encoding");
                }
            }
            assertTrue(column(block, "tools").getSizeStatistics().getUnencodedByteArrayDataBytes().orElseThrow() >= block.getRowCount() * 100);
            ColumnChunkMetaData reward = column(block, "reward");
            assertEquals(1.0, (Double) reward.getStatistics().genericGetMax());
            assertEquals(block.getRowCount(), reward.getValueCount());
        }
    }

    @Test
    void should_dictionary_encode_a_string_column_when_its_values_repeat() throws IOException {
        try (ParquetFileReader reader = open(result.files().getFirst())) {
            BlockMetaData block = reader.getRowGroups().getFirst();
            for (String name : List.of("tools", "domain", "agent_model", "messages.list.element.content")) {
                assertTrue(column(block, name).getEncodingStats().hasDictionaryEncodedPages(), name);
            }
        }
    }

    @Test
    void should_end_a_row_group_when_it_reaches_the_configured_size() throws IOException {
        long rowGroupBytes = 256 << 10;
        List<ExportRecord> records = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (ExportRecord record : Fixtures.run(300, 2)) { // a distinct 2 KB answer per row: more than the 100 rows parquet-java writes before it first checks the size
            List<Message> messages = new ArrayList<>(record.trajectory().messages());
            messages.set(5, Message.assistant(random.ints(2_000, 'a', 'z' + 1)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()));
            records.add(Fixtures.withMessages(record, messages));
        }
        java.nio.file.Path out = dir.resolve("row-groups");
        ExportResult groups = Fixtures.export(Fixtures.settings(out, false).withSizes(ExportSettings.DEFAULT_TARGET_SHARD_BYTES, rowGroupBytes), records);

        java.nio.file.Path train = out.resolve(groups.files().stream().filter(f -> f.split().equals("train")).findFirst().orElseThrow().path());
        List<BlockMetaData> blocks = ReadBack.rowGroups(train);
        assertTrue(blocks.size() >= 3, blocks.size() + " row groups");
        for (BlockMetaData block : blocks.subList(0, blocks.size() - 1)) {
            assertTrue(block.getTotalByteSize() > rowGroupBytes / 2 && block.getTotalByteSize() <= rowGroupBytes * 5 / 4,
                    block.getRowCount() + " rows, " + block.getTotalByteSize() + " bytes before compression");
        }
    }

    @Test
    void should_leave_no_crc_side_files_next_to_the_shards() {
        List<String> names = java.util.Arrays.stream(dir.resolve("out/data").toFile().list()).toList();
        assertFalse(names.stream().anyMatch(n -> n.endsWith(".crc")), names.toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("out/._SUCCESS.crc")));
    }

    private static Type assertThreeLevelList(Type list) {
        assertEquals(LogicalTypeAnnotation.listType(), list.getLogicalTypeAnnotation(), list.getName());
        GroupType outer = list.asGroupType();
        assertEquals(1, outer.getFieldCount());
        Type repeated = outer.getType(0);
        assertEquals("list", repeated.getName());
        assertTrue(repeated.isRepetition(Type.Repetition.REPEATED));
        assertFalse(repeated.isPrimitive());
        assertEquals(1, repeated.asGroupType().getFieldCount());
        Type element = repeated.asGroupType().getType(0);
        assertEquals("element", element.getName());
        assertTrue(element.isRepetition(Type.Repetition.REQUIRED));
        return element;
    }

    private static ColumnChunkMetaData column(BlockMetaData block, String path) {
        return block.getColumns().stream().filter(c -> c.getPath().toDotString().equals(path)).findFirst().orElseThrow(() -> new AssertionError(path));
    }

    private static ParquetFileReader open(ExportResult.ShardFile file) throws IOException {
        Path path = new Path(dir.resolve("out").resolve(file.path()).toUri());
        return ParquetFileReader.open(HadoopInputFile.fromPath(path, Fixtures.conf()));
    }
}
