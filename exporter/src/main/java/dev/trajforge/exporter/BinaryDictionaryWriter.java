package dev.trajforge.exporter;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;

import java.util.Arrays;

/**
 * parquet-java's dictionary encoder for strings, with the same output (ids in first-seen order, the
 * same dictionary page, the same fallback to plain) and a faster lookup. The stock one keys a hash map
 * by {@link Binary}, whose {@code hashCode} and {@code equals} walk the bytes one at a time and are
 * recomputed on every lookup: a third of the export's CPU went there, mostly for the long values that
 * repeat in every row (the tools JSON, system prompts, tool results). Here the hash and equality use
 * the JDK's vectorized {@link Arrays#hashCode(byte[])} and {@link Arrays#equals(byte[], byte[])}, the
 * table stores each entry's hash, and a value backed by the same array as an entry matches it without
 * comparing bytes. A long value backed by the same array as one of the last few long values looked up
 * is found without hashing at all (the tools JSON: one cached array per distinct value, in every row).
 */
final class BinaryDictionaryWriter extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
    private static final int FREE = -1;
    /** Values of at least this many bytes go through the identity lookup. */
    private static final int LONG_VALUE = 256;
    private static final int RECENT = 4;

    /** the arrays of the last {@link #RECENT} long values and their ids, a ring */
    private final byte[][] recentArrays = new byte[RECENT][];
    private final int[] recentIds = new int[RECENT];
    private int nextRecent;

    /** the entries in id order, as the dictionary page lists them */
    private byte[][] entries = new byte[16][];
    private int[] entryHashes = new int[16];
    private int size;
    /** open addressing, linear probing: slot -> entry id, or FREE; at most half full */
    private int[] slots = newSlots(64);

    BinaryDictionaryWriter(int maxDictionaryByteSize, Encoding dataPageEncoding, Encoding dictionaryPageEncoding, ByteBufferAllocator allocator) {
        super(maxDictionaryByteSize, dataPageEncoding, dictionaryPageEncoding, allocator);
    }

    @Override
    public void writeBytes(Binary value) {
        byte[] bytes = value.getBytesUnsafe();
        boolean remember = bytes.length >= LONG_VALUE && !value.isBackingBytesReused();
        if (remember) {
            for (int i = 0; i < RECENT; i++) {
                if (recentArrays[i] == bytes) {
                    encodedValues.add(recentIds[i]);
                    return;
                }
            }
        }
        int id = idOf(bytes, value.isBackingBytesReused());
        if (remember) {
            recentArrays[nextRecent] = bytes;
            recentIds[nextRecent] = id;
            nextRecent = (nextRecent + 1) % RECENT;
        }
        encodedValues.add(id);
    }

    /** The id of {@code bytes}, added to the dictionary if new. */
    private int idOf(byte[] bytes, boolean reused) {
        int hash = Arrays.hashCode(bytes);
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int id; (id = slots[slot]) != FREE; slot = (slot + 1) & mask) {
            if (entryHashes[id] == hash && (entries[id] == bytes || Arrays.equals(entries[id], bytes))) {
                return id;
            }
        }
        int id = add(reused ? bytes.clone() : bytes, hash);
        slots[slot] = id;
        if (2 * size > slots.length) {
            rehash();
        }
        dictionaryByteSize += 4L + bytes.length; // the page stores a 4-byte length, then the bytes
        return id;
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
        if (lastUsedDictionarySize == 0) {
            return null;
        }
        PlainValuesWriter page = new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
        for (int id = 0; id < lastUsedDictionarySize; id++) { // only the entries the written pages refer to
            page.writeBytes(Binary.fromConstantByteArray(entries[id]));
        }
        return dictPage(page);
    }

    @Override
    public int getDictionarySize() {
        return size;
    }

    @Override
    protected void clearDictionaryContent() {
        Arrays.fill(entries, 0, size, null);
        size = 0;
        Arrays.fill(slots, FREE);
        Arrays.fill(recentArrays, null);
    }

    @Override
    public void fallBackDictionaryEncodedData(ValuesWriter writer) {
        Binary[] values = new Binary[size];
        for (int id = 0; id < size; id++) {
            values[id] = Binary.fromConstantByteArray(entries[id]);
        }
        IntList.IntIterator ids = encodedValues.iterator();
        while (ids.hasNext()) {
            writer.writeBytes(values[ids.next()]);
        }
    }

    private int add(byte[] bytes, int hash) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, 2 * size);
            entryHashes = Arrays.copyOf(entryHashes, 2 * size);
        }
        entries[size] = bytes;
        entryHashes[size] = hash;
        return size++;
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
