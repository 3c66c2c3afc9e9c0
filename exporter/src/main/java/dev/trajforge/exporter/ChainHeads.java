package dev.trajforge.exporter;

import java.io.Serializable;

/**
 * The heads of chains by 64-bit key, for LSH bucket indexes that chain their entries in arrays of their own: an open
 * addressing table (linear probing, at most half full, doubling) from a key to an int, 0 meaning "no chain yet".
 * About 24 bytes per key at its fullest; nothing boxed.
 */
public final class ChainHeads implements Serializable {
    private long[] keys = new long[1 << 10];
    private int[] heads = new int[1 << 10];
    private int used;

    /** The head stored for {@code key}, 0 for none. */
    public int get(long key) {
        return heads[find(key)];
    }

    /** Stores {@code head} (not 0) for {@code key}. */
    public void put(long key, int head) {
        if (head == 0) throw new IllegalArgumentException("0 marks an empty slot");
        int slot = find(key);
        if (heads[slot] == 0) {
            if (2 * (used + 1) > keys.length) {
                rehash();
                slot = find(key);
            }
            keys[slot] = key;
            used++;
        }
        heads[slot] = head;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) MinHash.mix(key) & mask;
        while (heads[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldHeads.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] != 0) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                heads[slot] = oldHeads[i];
            }
        }
    }
}
