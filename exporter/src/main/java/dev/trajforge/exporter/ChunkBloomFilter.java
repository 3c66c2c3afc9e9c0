package dev.trajforge.exporter;

import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.column.values.bloomfilter.XxHash;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bloom filter of one column chunk, sized when the chunk ends: the XXH64 hash of every value is
 * kept (8 bytes a value), and the filter written is a split block bloom filter of the optimal size for
 * the chunk's distinct values at the column's false positive probability, at most {@code maxBytes}.
 * parquet-java's adaptive filter guesses the size instead, inserting every value into each of its
 * candidate filters and dropping those that fill up; knowing the count, one insert a value does.
 */
final class ChunkBloomFilter {
    private static final XxHash XXH64 = new XxHash();

    private final double fpp;
    private final int maxBytes;
    private long[] hashes = new long[1024];
    private int count;

    ChunkBloomFilter(double fpp, int maxBytes) {
        if (!(fpp > 0 && fpp < 1)) throw new IllegalArgumentException("fpp must be in (0, 1), got " + fpp);
        if (maxBytes < BlockSplitBloomFilter.LOWER_BOUND_BYTES) {
            throw new IllegalArgumentException("maxBytes must be >= " + BlockSplitBloomFilter.LOWER_BOUND_BYTES + ", got " + maxBytes);
        }
        this.fpp = fpp;
        this.maxBytes = maxBytes;
    }

    void add(byte[] value) {
        add(XXH64.hashBytes(value));
    }

    /** The value {@code array[offset, offset + length)}. */
    void add(byte[] array, int offset, int length) {
        add(XXH64.hashByteBuffer(ByteBuffer.wrap(array, offset, length)));
    }

    private void add(long hash) {
        if (count == hashes.length) hashes = Arrays.copyOf(hashes, 2 * count);
        hashes[count++] = hash;
    }

    /** The filter of the values added since the last {@link #clear}. */
    BloomFilter build() {
        long[] sorted = Arrays.copyOf(hashes, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) distinct++;
        }
        BlockSplitBloomFilter filter = new BlockSplitBloomFilter(BlockSplitBloomFilter.optimalNumOfBits(distinct, fpp) / 8, maxBytes);
        for (int i = 0; i < count; i++) {
            filter.insertHash(sorted[i]);
        }
        return filter;
    }

    void clear() {
        count = 0;
    }
}
