package dev.trajforge.exporter;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our RLE / bit-packing hybrid encoder, decoded by parquet-java's decoder. */
class RleHybridTest {
    @Test
    void should_decode_to_the_values_encoded_for_every_bit_width_and_run_pattern() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int width = 0; width <= 20; width++) {
            int max = width == 0 ? 0 : (1 << width) - 1;
            for (int count : new int[] {1, 7, 8, 9, 63, 64, 65, 504, 505, 1000, 10_000}) {
                int[] values = new int[count];
                for (int i = 0; i < count; ) {
                    int run = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1; // long runs and noise
                    int value = max == 0 ? 0 : random.nextInt(max + 1);
                    for (int k = 0; k < run && i < count; k++) {
                        values[i++] = random.nextInt(3) == 0 && max > 0 ? random.nextInt(max + 1) : value;
                    }
                }
                assertArrayEquals(values, decode(values, width), "width " + width + ", count " + count);
            }
        }
    }

    @Test
    void should_write_one_rle_run_for_repeated_values() {
        int[] values = new int[1000];
        Arrays.fill(values, 3);
        ByteSink out = new ByteSink(16);

        RleHybrid.encode(values, values.length, 2, out);

        assertEquals(3, out.size()); // varint header (1000 << 1 takes 2 bytes) and one value byte
    }

    @Test
    void should_need_as_many_bits_as_the_largest_value() {
        assertEquals(0, RleHybrid.bitWidth(0));
        assertEquals(1, RleHybrid.bitWidth(1));
        assertEquals(3, RleHybrid.bitWidth(7));
        assertEquals(4, RleHybrid.bitWidth(8));
    }

    private static int[] decode(int[] values, int width) throws IOException {
        ByteSink out = new ByteSink(16);
        RleHybrid.encode(values, values.length, width, out);
        byte[] bytes = Arrays.copyOf(out.array(), out.size());
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(width, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes)));
        int[] decoded = new int[values.length];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = decoder.readInt();
        }
        return decoded;
    }
}
