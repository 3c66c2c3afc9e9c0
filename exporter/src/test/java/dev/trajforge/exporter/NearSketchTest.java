package dev.trajforge.exporter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sketch decides a pair exactly as the local index does, from a few hundred bytes. */
class NearSketchTest {

    /** 200 shingles, the first {@code changed} of them replaced by ones unique to {@code variant}. */
    private static long[] signature(int changed, int variant) {
        List<String> shingles = new ArrayList<>();
        for (int i = 0; i < 200; i++) shingles.add(i < changed ? "u variant " + variant + " word " + i : "u shared word " + i);
        return MinHash.signature(shingles);
    }

    @Test
    void should_decide_every_pair_as_the_local_index_does_across_similarities_and_thresholds() {
        int near = 0;
        int far = 0;
        for (double threshold : new double[] {0.5, 0.8, 0.9, 0.95}) {
            long[] kept = signature(0, 0);
            for (int changed = 0; changed <= 120; changed += 2) {
                long[] later = signature(changed, changed + 1);
                LshIndex index = new LshIndex(threshold);
                index.add(kept);
                boolean expected = index.hasNearDuplicate(later);
                assertEquals(expected, NearSketch.of(later, threshold).nearDuplicateOf(NearSketch.of(kept, threshold), threshold),
                        "threshold " + threshold + ", " + changed + " of 200 shingles changed");
                if (expected) near++; else far++;
            }
        }
        assertTrue(near > 20 && far > 20, "the pairs span both verdicts: " + near + " near, " + far + " not");
    }

    @Test
    void should_not_be_a_near_duplicate_without_a_shared_band_even_when_the_low_bits_agree() {
        NearSketch kept = new NearSketch(new long[] {1, 2}, new short[MinHash.PERMUTATIONS]);
        NearSketch later = new NearSketch(new long[] {3, 4}, new short[MinHash.PERMUTATIONS]);
        assertFalse(later.nearDuplicateOf(kept, 0.9));
        assertTrue(new NearSketch(new long[] {5, 2}, new short[MinHash.PERMUTATIONS]).nearDuplicateOf(kept, 0.9));
    }

    @Test
    void should_read_back_from_its_bytes() {
        NearSketch sketch = NearSketch.of(signature(10, 3), 0.9);
        byte[] bytes = sketch.toBytes();
        assertEquals(1 + 16 * 8 + 128 * 2, bytes.length, "16 bands of 8 rows at 0.9");
        NearSketch back = NearSketch.fromBytes(bytes);
        assertEquals(sketch, back);
        assertArrayEquals(sketch.bandKeys(), back.bandKeys());
        assertThrows(IllegalArgumentException.class, () -> NearSketch.fromBytes(new byte[] {16, 0, 0}));
    }
}
