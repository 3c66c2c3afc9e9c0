package dev.trajforge.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
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
        long position = 0;
        long lineStart = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(32 * 1024);
        try (InputStream in = new BufferedInputStream(fs.open(file), 1 << 20)) {
            int b;
            while (position < limit && (b = in.read()) != -1) {
                position++;
                if (b == '\n') {
                    visitor.line(line.toString(StandardCharsets.UTF_8), lineStart, (int) (position - lineStart));
                    line.reset();
                    lineStart = position;
                } else {
                    line.write(b);
                }
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
