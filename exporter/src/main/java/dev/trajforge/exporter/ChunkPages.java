package dev.trajforge.exporter;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * The finished pages of one column chunk on their way to parquet-java's page store: each compressed by
 * the shard's {@link PageCompression} thread, then handed to the page writer in page order (which
 * checksums it and indexes it); the dictionary page, compressed when the chunk ends, handed over last.
 */
final class ChunkPages {
    private final PageCompression compression;
    /** the page store's compressor, which returns what it is told the next page compresses to */
    private final ZstdPageCompressor pageStoreCompressor;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private PageWriter pages;
    /** the chunk's data pages so far, before compression */
    private long bytes;
    /** the dictionary page of the ended chunk: uncompressed (the page store takes its size), and compressed */
    private BytesInput dictionaryPage;
    private int dictionaryEntries;
    private Future<byte[]> compressedDictionaryPage;

    ChunkPages(PageCompression compression, ZstdPageCompressor pageStoreCompressor) {
        this.compression = compression;
        this.pageStoreCompressor = pageStoreCompressor;
    }

    void start(PageWriter pageWriter) {
        pages = pageWriter;
        bytes = 0;
    }

    /** The chunk's data pages so far, before compression. */
    long bytes() {
        return bytes;
    }

    /** Starts compressing a data page; {@code page} must not change afterwards. */
    void add(byte[] page, int values, int rows, Statistics<?> statistics, Encoding encoding) {
        pending.add(new Pending(page.length, compression.submit(page), values, rows, statistics, encoding));
        bytes += page.length;
    }

    /** Hands the pages compressed by now, in order, to the page store. */
    void handOverCompressed() throws IOException {
        while (!pending.isEmpty() && pending.peek().compressed().isDone()) {
            write(pending.poll());
        }
    }

    /**
     * The chunk's dictionary page is {@code page[0, length)} with {@code entries} entries: starts
     * compressing it; the bytes must not change until {@link #handOverAll}.
     */
    void endDictionary(byte[] page, int length, int entries) {
        dictionaryPage = BytesInput.from(page, 0, length);
        dictionaryEntries = entries;
        compressedDictionaryPage = compression.submit(page, 0, length);
    }

    /** Hands every page, then the dictionary page if any, to the page store; the dictionary may be cleared afterwards. */
    void handOverAll() throws IOException {
        while (!pending.isEmpty()) {
            write(pending.poll());
        }
        if (dictionaryPage != null) {
            pageStoreCompressor.useNext(BytesInput.from(PageCompression.await(compressedDictionaryPage)));
            pages.writeDictionaryPage(new DictionaryPage(dictionaryPage, dictionaryEntries, Encoding.PLAIN_DICTIONARY));
            dictionaryPage = null;
            compressedDictionaryPage = null;
        }
    }

    private void write(Pending p) throws IOException {
        pageStoreCompressor.useNext(BytesInput.from(PageCompression.await(p.compressed())));
        pages.writePage(uncompressedSize(p.size()), p.values(), p.rows(), p.statistics(), Encoding.RLE, Encoding.RLE, p.encoding());
    }

    /**
     * What the page store is handed as a data page: it takes the size and passes it to its compressor,
     * which returns the page compressed before ({@link ZstdPageCompressor#useNext}) without reading it,
     * so the uncompressed page need not be kept once compressed.
     */
    private static BytesInput uncompressedSize(int size) {
        return BytesInput.from(InputStream.nullInputStream(), size);
    }

    /** A page of {@code size} bytes handed to the compression thread, waiting to go to the page store. */
    private record Pending(int size, Future<byte[]> compressed, int values, int rows, Statistics<?> statistics, Encoding encoding) {
    }
}
