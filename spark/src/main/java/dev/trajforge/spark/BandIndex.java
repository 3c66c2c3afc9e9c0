package dev.trajforge.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Entries (ints from 0) by LSH band key, for candidate lookup: an entry is added with its band keys, and a
 * lookup visits every entry that shares at least one key with the given ones, each once. Open addressing
 * over 64-bit keys with chained entries, about 12 bytes per band and entry; serializable, so a round's
 * index can be broadcast.
 */
final class BandIndex implements Serializable {
    private long[] keys = new long[1 << 10];
    /** the first link of a key's chain plus one, 0 for an empty slot */
    private int[] heads = new int[1 << 10];
    private int used;
    /** link l: its entry, and the next link of its chain plus one (0 at the end) */
    private int[] entries = new int[1 << 10];
    private int[] next = new int[1 << 10];
    private int links;

    /** Adds {@code entry} under each of its band keys. */
    void add(int entry, long[] bandKeys) {
        for (long key : bandKeys) {
            if (2 * (used + 1) > keys.length) rehash();
            int slot = find(key);
            if (heads[slot] == 0) {
                keys[slot] = key;
                used++;
            }
            if (links == entries.length) {
                entries = Arrays.copyOf(entries, links * 2);
                next = Arrays.copyOf(next, links * 2);
            }
            entries[links] = entry;
            next[links] = heads[slot];
            heads[slot] = ++links;
        }
    }

    /** The entries sharing a band key with {@code bandKeys}, ascending and each once. */
    int[] candidates(long[] bandKeys) {
        int[] found = new int[8];
        int n = 0;
        for (long key : bandKeys) {
            for (int link = heads[find(key)]; link != 0; link = next[link - 1]) {
                if (n == found.length) found = Arrays.copyOf(found, n * 2);
                found[n++] = entries[link - 1];
            }
        }
        Arrays.sort(found, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || found[distinct - 1] != found[i]) found[distinct++] = found[i];
        }
        return Arrays.copyOf(found, distinct);
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) mix(key) & mask;
        while (heads[slot] != 0 && keys[slot] != key) slot = (slot + 1) & mask;
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

    /** The SplitMix64 finalizer: spreads a key over the table's slots. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
