package dev.trajforge.exporter;

import java.util.Arrays;

/** A growable byte array written little-endian, as Parquet's plain encoding lays values out; reused page after page. */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Drops the bytes from {@code length} on. */
    void truncate(int length) {
        if (length < 0 || length > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + length);
        }
        size = length;
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeIntLE(int v) {
        ensure(4);
        bytes[size] = (byte) v;
        bytes[size + 1] = (byte) (v >>> 8);
        bytes[size + 2] = (byte) (v >>> 16);
        bytes[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void writeLongLE(long v) {
        writeIntLE((int) v);
        writeIntLE((int) (v >>> 32));
    }

    /** Parquet's ULEB128 varint. */
    void writeUnsignedVarInt(int v) {
        while ((v & ~0x7F) != 0) {
            writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        writeByte(v);
    }

    /** The lowest {@code count} bytes of {@code v}, little-endian. */
    void writeLowBytesLE(int v, int count) {
        for (int i = 0; i < count; i++) {
            writeByte(v >>> (8 * i));
        }
    }

    void write(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, bytes, size, src.length);
        size += src.length;
    }

    void write(ByteSink src) {
        write(src, 0, src.size);
    }

    void write(ByteSink src, int from, int length) {
        ensure(length);
        System.arraycopy(src.bytes, from, bytes, size, length);
        size += length;
    }

    /** The array written into; valid until the next write. */
    byte[] array() {
        return bytes;
    }

    /** The bytes written so far followed by those of {@code tail}, if given, in a new array. */
    byte[] toByteArray(ByteSink tail) {
        if (tail == null) {
            return Arrays.copyOf(bytes, size);
        }
        byte[] joined = Arrays.copyOf(bytes, size + tail.size);
        System.arraycopy(tail.bytes, 0, joined, size, tail.size);
        return joined;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
