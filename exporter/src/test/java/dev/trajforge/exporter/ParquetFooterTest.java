package dev.trajforge.exporter;

import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the written footers with parquet's own reader. */
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
            assertEquals("2", meta.get("trajforge.schema_version"));
            assertEquals(Fixtures.RUN_ID, meta.get("trajforge.run_id"));
            assertEquals(Fixtures.CONFIG_SHA256, meta.get("trajforge.config_sha256"));
        }
    }

    @Test
    void should_write_a_bloom_filter_on_id_that_finds_the_ids_of_the_shard() throws IOException {
        ExportResult.ShardFile file = result.files().stream().filter(f -> f.split().equals("train")).findFirst().orElseThrow();
        try (ParquetFileReader reader = open(file)) {
            BlockMetaData block = reader.getRowGroups().getFirst();
            ColumnChunkMetaData id = block.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("id")).findFirst().orElseThrow();
            BloomFilter filter = reader.readBloomFilter(id);
            assertNotNull(filter, "bloom filter on id");
            String someId = DuckDb.firstId(dir.resolve("out").resolve(file.path()));
            assertTrue(filter.findHash(filter.hash(Binary.fromString(someId))));
            ColumnChunkMetaData domain = block.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("domain")).findFirst().orElseThrow();
            assertEquals(null, reader.readBloomFilter(domain), "bloom filter only on id");
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

    private static ParquetFileReader open(ExportResult.ShardFile file) throws IOException {
        Path path = new Path(dir.resolve("out").resolve(file.path()).toUri());
        return ParquetFileReader.open(HadoopInputFile.fromPath(path, Fixtures.conf()));
    }
}
