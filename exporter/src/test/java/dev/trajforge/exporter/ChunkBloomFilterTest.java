package dev.trajforge.exporter;

import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkBloomFilterTest {
    private static final double FPP = 0.01;

    @Test
    void should_find_every_value_added_and_few_others_at_the_false_positive_probability() {
        ChunkBloomFilter chunk = new ChunkBloomFilter(FPP, 1 << 20);
        for (int i = 0; i < 10_000; i++) {
            chunk.add(utf8("id-" + i));
        }
        BloomFilter filter = chunk.build();

        for (int i = 0; i < 10_000; i++) {
            assertTrue(filter.findHash(filter.hash(Binary.fromString("id-" + i))), "id-" + i);
        }
        int falsePositives = 0;
        for (int i = 0; i < 100_000; i++) {
            if (filter.findHash(filter.hash(Binary.fromString("absent-" + i)))) falsePositives++;
        }
        assertTrue(falsePositives < 2 * FPP * 100_000, "false positives: " + falsePositives);
    }

    @Test
    void should_size_the_filter_for_the_distinct_values_not_the_values() {
        ChunkBloomFilter repeated = new ChunkBloomFilter(FPP, 1 << 20);
        ChunkBloomFilter distinct = new ChunkBloomFilter(FPP, 1 << 20);
        for (int i = 0; i < 20_000; i++) {
            repeated.add(utf8("id-" + i % 1_000));
            if (i < 1_000) distinct.add(utf8("id-" + i));
        }

        int expected = new BlockSplitBloomFilter(BlockSplitBloomFilter.optimalNumOfBits(1_000, FPP) / 8, 1 << 20).getBitsetSize();
        assertEquals(expected, repeated.build().getBitsetSize());
        assertEquals(expected, distinct.build().getBitsetSize());
    }

    @Test
    void should_start_empty_after_clear_and_stay_within_the_maximum_size() {
        ChunkBloomFilter chunk = new ChunkBloomFilter(FPP, 4096);
        for (int i = 0; i < 50_000; i++) {
            chunk.add(utf8("id-" + i));
        }
        assertEquals(4096, chunk.build().getBitsetSize());

        chunk.clear();
        chunk.add(utf8("only"));
        BloomFilter filter = chunk.build();
        assertEquals(BlockSplitBloomFilter.LOWER_BOUND_BYTES, filter.getBitsetSize());
        assertTrue(filter.findHash(filter.hash(Binary.fromString("only"))));
    }

    @Test
    void should_hash_a_value_in_a_larger_array_as_the_value_alone() {
        ChunkBloomFilter whole = new ChunkBloomFilter(FPP, 1 << 20);
        ChunkBloomFilter sliced = new ChunkBloomFilter(FPP, 1 << 20);
        byte[] page = utf8("..id-1..id-22..");
        whole.add(utf8("id-1"));
        whole.add(utf8("id-22"));
        sliced.add(page, 2, 4);
        sliced.add(page, 8, 5);

        assertEquals(whole.build(), sliced.build());
    }

    @Test
    void should_reject_a_false_positive_probability_outside_zero_to_one() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkBloomFilter(0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new ChunkBloomFilter(1, 1 << 20));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
