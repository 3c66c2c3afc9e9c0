package dev.trajforge.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Newline-terminated lines of a file on any Hadoop file system, found by byte offset and read back by it. */
final class LineFile {
    private LineFile() {
    }

    interface Visitor {
        /** A whole line without its newline, with the offset and length (newline included) of its bytes. */
        void line(String text, long offset, int length) throws IOException;
    }

    /**
     * Visits the complete lines within the first {@code limit} bytes; a torn last line (no newline, as a
     * killed writer leaves it) is not visited. Returns the bytes the complete lines take.
     */
    static long scan(FileSystem fs, Path file, long limit, Visitor visitor) throws IOException {
        long position = 0; // of buffer[0] in the file
        long lineStart = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(32 * 1024);
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = fs.open(file)) {
            int n;
            while (position < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - position))) != -1) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') continue;
                    line.write(buffer, from, i - from);
                    long end = position + i + 1;
                    visitor.line(line.toString(StandardCharsets.UTF_8), lineStart, (int) (end - lineStart));
                    line.reset();
                    lineStart = end;
                    from = i + 1;
                }
                line.write(buffer, from, n - from);
                position += n;
            }
        }
        return lineStart;
    }

    /** The line of {@code length} bytes (newline included) at {@code offset}, without its newline. */
    static String read(FSDataInputStream in, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(offset, bytes);
        return new String(bytes, 0, length - 1, StandardCharsets.UTF_8);
    }
}
