package dev.trajforge.exporter;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes of strings that come back row after row (the tools JSON of each domain): the last few
 * distinct values, most recent first, compared without hashing. A hit returns the same array as before,
 * which the column's dictionary then finds by identity; the array must not change.
 */
final class Utf8Cache {
    private final String[] strings;
    private final byte[][] utf8;

    Utf8Cache(int size) {
        strings = new String[size];
        utf8 = new byte[size][];
    }

    byte[] utf8(String value) {
        int n = strings.length;
        int i = 0;
        while (i < n && strings[i] != null && !strings[i].equals(value)) {
            i++;
        }
        byte[] bytes = i < n && strings[i] != null ? utf8[i] : value.getBytes(StandardCharsets.UTF_8);
        int moved = Math.min(i, n - 1); // move to front; a miss on a full cache drops the least recent
        System.arraycopy(strings, 0, strings, 1, moved);
        System.arraycopy(utf8, 0, utf8, 1, moved);
        strings[0] = value;
        utf8[0] = bytes;
        return bytes;
    }
}
