package dev.trajforge.exporter;

import org.apache.parquet.io.api.Binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The dictionary of one string column chunk: ids in first-seen order, found by a hash table. Its
 * entries are copied into one growing array laid out as the plain-encoded dictionary page (a 4-byte
 * length, then the UTF-8 bytes), so the page is a copy of a prefix.
 *
 * <p>A column's values come either as strings or as UTF-8 arrays, never both (the two hash
 * differently). Strings are hashed and compared as strings ({@link String#hashCode}, {@link
 * String#equals}, both vectorized) and encoded to UTF-8 only when new: most message contents repeat (a
 * domain's system prompt in every row, the same tool results again and again), and encoding them
 * again was most of the cost. Arrays are hashed and compared with the vectorized {@link
 * Arrays#hashCode(byte[])} and {@link Arrays#equals}. Either way, a value that is the same object as
 * one of the last few is found without hashing (constants such as the roles, the cached tools JSON).
 */
final class BinaryDictionary {
    private static final int FREE = -1;
    private static final int RECENT = 4;

    /** the dictionary page so far: each entry's 4-byte length and bytes, in id order */
    private final ByteSink page = new ByteSink(1024);
    /** where each entry's bytes start in {@link #page}, and one more: the end */
    private int[] starts = {4};
    private int[] entryHashes = new int[16];
    /** the entries as strings, for a dictionary of strings */
    private String[] strings = new String[16];
    private int size;
    /** whether the values come as strings; null until the first one */
    private Boolean keyedByString;
    /** open addressing, linear probing: slot -> entry id, or FREE; at most half full */
    private int[] slots = newSlots(64);
    /** the last {@link #RECENT} values (strings or arrays) and their ids, a ring */
    private final Object[] recent = new Object[RECENT];
    private final int[] recentIds = new int[RECENT];
    private int nextRecent;
    /** per entry, the last stamp it was {@link #mark marked} with */
    private int[] marks = new int[16];

    int size() {
        return size;
    }

    long pageBytes() {
        return page.size();
    }

    /** The UTF-8 length of entry {@code id}. */
    int length(int id) {
        return starts[id + 1] - 4 - starts[id];
    }

    /** Where entry {@code id}'s UTF-8 bytes start in {@link #pageArray}. */
    int start(int id) {
        return starts[id];
    }

    /** Entry {@code id}'s bytes, as a {@link Binary} that statistics copy before keeping (the page is reused after {@link #clear}). */
    Binary entry(int id) {
        return Binary.fromReusedByteArray(page.array(), starts[id], length(id));
    }

    /** Marks entry {@code id} with {@code stamp} (not 0); whether it was not marked with it before. */
    boolean mark(int id, int stamp) {
        if (id >= marks.length) marks = Arrays.copyOf(marks, Math.max(id + 1, 2 * marks.length));
        if (marks[id] == stamp) return false;
        marks[id] = stamp;
        return true;
    }

    /** Appends entry {@code id}'s plain encoding (4-byte length, bytes) to {@code out}. */
    void writePlain(int id, ByteSink out) {
        int from = starts[id] - 4;
        out.write(page, from, starts[id + 1] - 4 - from);
    }

    /** The id of {@code value}, added as the next id if new. */
    int idOf(String value) {
        int id = recent(value);
        if (id == FREE) {
            id = lookUp(value);
            remember(value, id);
        }
        return id;
    }

    /** The id of {@code bytes}, added as the next id if new. */
    int idOf(byte[] bytes) {
        int id = recent(bytes);
        if (id == FREE) {
            id = lookUp(bytes);
            remember(bytes, id);
        }
        return id;
    }

    /**
     * The plain-encoded dictionary page so far, {@link #pageBytes} long; entries {@code [0, count)} are
     * its first {@link #pageLength}(count) bytes. Bytes once written do not change until {@link #clear}.
     */
    byte[] pageArray() {
        return page.array();
    }

    int pageLength(int count) {
        return starts[count] - 4;
    }

    /**
     * Lets go of the strings the entries were found by, once no more values are looked up (the column
     * fell back to plain); the page stays, for the pages that refer to it.
     */
    void stopLookups() {
        Arrays.fill(strings, 0, size, null);
        Arrays.fill(recent, null);
    }

    void clear() {
        page.reset();
        Arrays.fill(strings, 0, size, null);
        size = 0;
        keyedByString = null;
        Arrays.fill(slots, FREE);
        Arrays.fill(recent, null);
    }

    private int recent(Object value) {
        for (int i = 0; i < RECENT; i++) {
            if (recent[i] == value) {
                return recentIds[i];
            }
        }
        return FREE;
    }

    private void remember(Object value, int id) {
        recent[nextRecent] = value;
        recentIds[nextRecent] = id;
        nextRecent = (nextRecent + 1) % RECENT;
    }

    private int lookUp(String value) {
        keyedBy(true);
        int hash = value.hashCode();
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int id; (id = slots[slot]) != FREE; slot = (slot + 1) & mask) {
            if (entryHashes[id] == hash && strings[id].equals(value)) {
                return id;
            }
        }
        int id = add(value.getBytes(StandardCharsets.UTF_8), hash, slot);
        strings[id] = value;
        return id;
    }

    private int lookUp(byte[] bytes) {
        keyedBy(false);
        int hash = Arrays.hashCode(bytes);
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        byte[] entries = page.array();
        for (int id; (id = slots[slot]) != FREE; slot = (slot + 1) & mask) {
            int start = starts[id];
            if (entryHashes[id] == hash && length(id) == bytes.length
                    && Arrays.equals(entries, start, start + bytes.length, bytes, 0, bytes.length)) {
                return id;
            }
        }
        return add(bytes, hash, slot);
    }

    private void keyedBy(boolean string) {
        if (keyedByString == null) {
            keyedByString = string;
        } else if (keyedByString != string) {
            throw new IllegalStateException("a column's values come either as strings or as UTF-8 arrays, not both");
        }
    }

    private int add(byte[] utf8, int hash, int slot) {
        if (size + 1 == starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
        }
        if (size == entryHashes.length) {
            entryHashes = Arrays.copyOf(entryHashes, 2 * size);
            strings = Arrays.copyOf(strings, 2 * size);
        }
        int id = size++;
        page.writeIntLE(utf8.length);
        page.write(utf8);
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

    /** The JDK's polynomial hashes have weak low bits for similar values; mix the high bits in. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
