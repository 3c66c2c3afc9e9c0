package dev.trajforge.exporter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Chain heads by 64-bit key: what was put is got back, across growth; an absent key has none. */
class ChainHeadsTest {
    @Test
    void should_give_back_every_head_after_the_table_grows_and_zero_for_absent_keys() {
        ChainHeads heads = new ChainHeads();
        for (int i = 1; i <= 100_000; i++) heads.put(i * 0x9e3779b97f4a7c15L, i);
        heads.put(2 * 0x9e3779b97f4a7c15L, 7); // replaced
        for (int i = 1; i <= 100_000; i++) assertEquals(i == 2 ? 7 : i, heads.get(i * 0x9e3779b97f4a7c15L));
        assertEquals(0, heads.get(0));
        assertEquals(0, heads.get(-1));
    }

    @Test
    void should_refuse_zero_which_marks_an_empty_slot() {
        assertThrows(IllegalArgumentException.class, () -> new ChainHeads().put(5, 0));
    }
}
