package dev.trajforge.exporter;

import java.util.Arrays;

/**
 * The dictionary of one string column chunk: ids in first-seen order, found by a hash table with the
 * JDK's vectorized {@link Arrays#hashCode(byte[])} and {@link Arrays#equals} over byte ranges. The
 * entries are copied into one growing array laid out as the plain-encoded dictionary page (a 4-byte
 * length, then the bytes), so the rows' arrays die young and the page is a copy of a prefix. A value
 * that is the same array as one of the last few values is found without hashing (constants such as the
 * roles, and the cached tools JSON and system prompts: {@link Utf8Cache}).
 */
final class BinaryDictionary {
    private static final int FREE = -1;
    private static final int RECENT = 4;

    /** the dictionary page so far: each entry's 4-byte length and bytes, in id order */
    private final ByteSink page = new ByteSink(1024);
    /** where each entry's bytes start in {@link #page}, and one more: the end */
    private int[] starts = {4};
    private int[] entryHashes = new int[16];
    private int size;
    /** open addressing, linear probing: slot -> entry id, or FREE; at most half full */
    private int[] slots = newSlots(64);
    /** the arrays of the last {@link #RECENT} values and their ids, a ring */
    private final byte[][] recentArrays = new byte[RECENT][];
    private final int[] recentIds = new int[RECENT];
    private int nextRecent;

    int size() {
        return size;
    }

    long pageBytes() {
        return page.size();
    }

    /** Appends entry {@code id}'s plain encoding (4-byte length, bytes) to {@code out}. */
    void writePlain(int id, ByteSink out) {
        int from = starts[id] - 4;
        out.write(page, from, starts[id + 1] - 4 - from);
    }

    /** The id of {@code bytes}, added as the next id if new; the array is kept, not copied. */
    int idOf(byte[] bytes) {
        for (int i = 0; i < RECENT; i++) {
            if (recentArrays[i] == bytes) {
                return recentIds[i];
            }
        }
        int id = lookUp(bytes);
        recentArrays[nextRecent] = bytes;
        recentIds[nextRecent] = id;
        nextRecent = (nextRecent + 1) % RECENT;
        return id;
    }

    /** The entries {@code [0, count)} as a plain-encoded dictionary page. */
    byte[] page(int count) {
        return Arrays.copyOf(page.array(), starts[count] - 4);
    }

    void clear() {
        page.reset();
        size = 0;
        Arrays.fill(slots, FREE);
        Arrays.fill(recentArrays, null);
    }

    private int lookUp(byte[] bytes) {
        int hash = Arrays.hashCode(bytes);
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        byte[] entries = page.array();
        for (int id; (id = slots[slot]) != FREE; slot = (slot + 1) & mask) {
            int start = starts[id];
            if (entryHashes[id] == hash && starts[id + 1] - 4 - start == bytes.length
                    && Arrays.equals(entries, start, start + bytes.length, bytes, 0, bytes.length)) {
                return id;
            }
        }
        if (size + 1 == starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
        }
        if (size == entryHashes.length) {
            entryHashes = Arrays.copyOf(entryHashes, 2 * size);
        }
        int id = size++;
        page.writeIntLE(bytes.length);
        page.write(bytes);
        starts[size] = page.size() + 4;
        entryHashes[id] = hash;
        slots[slot] = id;
        if (2 * size > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = newSlots(2 * slots.length);
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = spread(entryHashes[id]) & mask;
            while (slots[slot] != FREE) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id;
        }
    }

    private static int[] newSlots(int length) {
        int[] slots = new int[length];
        Arrays.fill(slots, FREE);
        return slots;
    }

    /** Arrays.hashCode's low bits are weak for similar strings; mix the high bits in. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
