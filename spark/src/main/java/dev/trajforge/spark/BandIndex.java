package dev.trajforge.spark;

import dev.trajforge.exporter.ChainHeads;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Entries (ints from 0) by LSH band key, for candidate lookup: an entry is added with its band keys, and a
 * lookup gives every entry that shares at least one key with the given ones, each once. Chains of links by
 * key ({@link ChainHeads}), about 8 bytes per band and entry plus the keys; serializable, so a round's index
 * can be broadcast.
 */
final class BandIndex implements Serializable {
    /** the first link of a key's chain plus one */
    private final ChainHeads heads = new ChainHeads();
    /** link l: its entry, and the next link of its chain plus one (0 at the end) */
    private int[] entries = new int[1 << 10];
    private int[] next = new int[1 << 10];
    private int links;

    /** Adds {@code entry} under each of its band keys. */
    void add(int entry, long[] bandKeys) {
        for (long key : bandKeys) {
            if (links == entries.length) {
                entries = Arrays.copyOf(entries, links * 2);
                next = Arrays.copyOf(next, links * 2);
            }
            entries[links] = entry;
            next[links] = heads.get(key);
            heads.put(key, ++links);
        }
    }

    /** The entries sharing a band key with {@code bandKeys}, ascending and each once. */
    int[] candidates(long[] bandKeys) {
        int[] found = new int[8];
        int n = 0;
        for (long key : bandKeys) {
            for (int link = heads.get(key); link != 0; link = next[link - 1]) {
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
}
