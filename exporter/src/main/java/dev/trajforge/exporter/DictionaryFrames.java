package dev.trajforge.exporter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Compresses a column chunk's dictionary page while the dictionary grows: every full {@link #FRAME}
 * bytes of the page become a ZSTD frame of their own on the shard's {@link PageCompression} thread,
 * so when the chunk ends only the last part is left to compress (the page of a message content column
 * is megabytes, and compressing it at the end held up the close of every shard). A page of several
 * frames is plain ZSTD (RFC 8878: compressed data is one or more frames); the frame boundaries are
 * fixed offsets, so the bytes do not depend on timing.
 */
final class DictionaryFrames {
    static final int FRAME = 1 << 20;

    private final PageCompression compression;
    private final List<Future<byte[]>> frames = new ArrayList<>();
    /** the page bytes the started frames cover */
    private int covered;

    DictionaryFrames(PageCompression compression) {
        this.compression = compression;
    }

    /** Starts compressing the full frames of {@code page[0, length)} not started yet; the bytes must not change afterwards. */
    void grew(byte[] page, int length) {
        while (length - covered >= FRAME) {
            frames.add(compression.submit(page, covered, FRAME));
            covered += FRAME;
        }
    }

    /**
     * Starts compressing the rest of the page {@code page[0, length)} (a prefix of what {@link #grew}
     * saw, after a fallback) and returns its frames in order.
     */
    List<Future<byte[]>> finish(byte[] page, int length) {
        int whole = Math.min(frames.size(), length / FRAME);
        List<Future<byte[]>> compressed = new ArrayList<>(frames.subList(0, whole));
        if (whole * FRAME < length) {
            compressed.add(compression.submit(page, whole * FRAME, length - whole * FRAME));
        }
        return compressed;
    }

    /** The compressed page: its frames, concatenated. */
    static byte[] await(List<Future<byte[]>> page) throws IOException {
        ByteSink joined = new ByteSink(1024);
        for (Future<byte[]> frame : page) {
            joined.write(PageCompression.await(frame));
        }
        return joined.toByteArray(null);
    }

    /** Forgets the frames, once none is still read from the page (frames past a fallback are waited for). */
    void clear() throws IOException {
        for (Future<byte[]> frame : frames) {
            PageCompression.await(frame);
        }
        frames.clear();
        covered = 0;
    }
}
