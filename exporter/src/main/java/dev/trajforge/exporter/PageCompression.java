package dev.trajforge.exporter;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Compresses the data pages of one shard on a thread of its own, so a split's rows are encoded while
 * its earlier pages are compressed (ZSTD was a quarter of a split thread's time). Each page is
 * compressed alone, so the bytes do not depend on when a page is compressed; at most
 * {@link #IN_FLIGHT} pages wait. The encoders hand the results to the page store in page order.
 */
final class PageCompression implements AutoCloseable {
    static final int IN_FLIGHT = 8;

    private final ExecutorService thread;
    private final ZstdPageCompressor zstd = new ZstdPageCompressor(ParquetShardWriter.ZSTD_LEVEL); // used on the thread only
    private final Semaphore slots = new Semaphore(IN_FLIGHT);

    PageCompression(String name) {
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts compressing {@code page}, which must not change afterwards; waits while {@link #IN_FLIGHT} pages wait. */
    Future<byte[]> submit(byte[] page) {
        return submit(page, 0, page.length);
    }

    /** As {@link #submit(byte[])}, for {@code length} bytes of {@code array} from {@code offset}. */
    Future<byte[]> submit(byte[] array, int offset, int length) {
        slots.acquireUninterruptibly();
        return thread.submit(() -> {
            try {
                return zstd.compress(array, offset, length);
            } finally {
                slots.release();
            }
        });
    }

    /** The compressed page; an IOException if its compression failed. */
    static byte[] await(Future<byte[]> page) throws IOException {
        try {
            return page.get();
        } catch (ExecutionException e) {
            throw new IOException("compressing a page failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a page was compressed", e);
        }
    }

    /** Lets the queued pages finish, then frees the compressor. */
    @Override
    public void close() {
        thread.execute(zstd::release);
        thread.shutdown();
    }
}
