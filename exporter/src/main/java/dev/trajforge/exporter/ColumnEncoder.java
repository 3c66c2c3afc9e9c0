package dev.trajforge.exporter;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bloomfilter.BloomFilterWriteStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One leaf column of a shard, encoded into format v1 data pages: repetition and definition levels
 * RLE/bit-packed, strings dictionary-encoded until the dictionary passes the dictionary page size (then
 * plain, as parquet-java falls back, also when the first page shows the dictionary does not pay),
 * numbers and booleans plain. Levels are kept as bytes and encoded once per page, instead of going
 * through parquet-java's column writer, values writers and encoders value by value. Finished pages go
 * to parquet-java's page store through {@link ChunkPages} (compressed on the shard's compression
 * thread), which checksums them and builds the page and column indexes from the pages' statistics
 * (parquet-java's, off for the free-text columns).
 *
 * <p>Page, row group and shard boundaries are decided on sizes before compression, so they do not
 * depend on how far the compression thread has come: the same rows give the same bytes.
 */
final class ColumnEncoder {
    private static final int BOOLEANS_PER_BYTE = 8;
    /**
     * A page ends once it holds this many levels (values and nulls), whatever its values take: a column
     * of nulls in nested lists holds no values but a level pair for each, and would otherwise buffer
     * 20,000 rows' worth of them.
     */
    static final int MAX_PAGE_LEVELS = 1 << 16;

    private final ColumnDescriptor column;
    private final PrimitiveTypeName type;
    private final boolean statistics;
    private final boolean dictionaryEnabled;
    private final ParquetProperties properties;
    private final int repWidth;
    private final int defWidth;
    private final boolean storesLevels;
    private final LevelPacker levelPacker;

    // the page being filled
    private byte[] rep = new byte[1024];
    private byte[] def = new byte[1024];
    private int levels;
    private int pageRows;
    /** counts the column's pages from 1, so dictionary entries can be marked as seen on the open page */
    private int pageOrdinal;
    private int[] ids = new int[1024];
    private int idCount;
    /** what plain encoding of the page's values takes (4-byte length + bytes for strings, a bit per boolean) */
    private long plainBytes;
    private final ByteSink plain = new ByteSink(1024);
    private int booleans;
    private int booleanBits;
    private Statistics<?> pageStatistics;
    private final ByteSink page = new ByteSink(1024);
    private final ByteSink levelBytes = new ByteSink(1024);

    // the column chunk being written
    private final ChunkPages chunk;
    private BloomFilterWriteStore bloomFilters;
    /** the chunk's bloom filter; null for a column without one */
    private final ChunkBloomFilter bloomFilter;
    private final BinaryDictionary dictionary = new BinaryDictionary();
    private boolean dictionaryMode;
    /** dictionary entries the chunk's dictionary-encoded pages refer to; 0 before the first such page */
    private int usedEntries;
    private boolean firstPage;

    /**
     * {@code pageStoreCompressor} is the compressor of the page store the chunks are written to; the
     * columns of a shard share {@code compression} and {@code levelPacker}.
     */
    ColumnEncoder(ColumnDescriptor column, ParquetProperties properties, PageCompression compression, ZstdPageCompressor pageStoreCompressor,
                  LevelPacker levelPacker) {
        if (column.getMaxRepetitionLevel() > LevelPacker.MAX_LEVEL || column.getMaxDefinitionLevel() > LevelPacker.MAX_LEVEL) {
            throw new IllegalArgumentException("levels above " + LevelPacker.MAX_LEVEL + " are not supported: " + column);
        }
        this.column = column;
        this.levelPacker = levelPacker;
        this.chunk = new ChunkPages(compression, pageStoreCompressor);
        this.type = column.getPrimitiveType().getPrimitiveTypeName();
        this.properties = properties;
        this.statistics = properties.getStatisticsEnabled(column);
        this.dictionaryEnabled = type == PrimitiveTypeName.BINARY && properties.isDictionaryEnabled(column);
        if (properties.isBloomFilterEnabled(column) && type != PrimitiveTypeName.BINARY) {
            throw new IllegalArgumentException("bloom filters are written for string columns only, not " + column);
        }
        this.bloomFilter = properties.isBloomFilterEnabled(column)
                ? new ChunkBloomFilter(properties.getBloomFilterFPP(column).orElse(ParquetProperties.DEFAULT_BLOOM_FILTER_FPP), properties.getMaxBloomFilterBytes())
                : null;
        this.repWidth = RleHybrid.bitWidth(column.getMaxRepetitionLevel());
        this.defWidth = RleHybrid.bitWidth(column.getMaxDefinitionLevel());
        this.storesLevels = repWidth > 0 || defWidth > 0;
    }

    ColumnDescriptor column() {
        return column;
    }

    /** Starts the column's chunk of a new row group. */
    void startChunk(PageWriter pageWriter, BloomFilterWriteStore bloomFilterStore) {
        chunk.start(pageWriter);
        this.bloomFilters = bloomFilterStore;
        if (bloomFilter != null) bloomFilter.clear();
        dictionary.clear();
        dictionaryMode = dictionaryEnabled;
        usedEntries = 0;
        firstPage = true;
        startPage();
    }

    /**
     * A string value. While the column is dictionary-encoded it is looked up as a string, so a value seen
     * before is not encoded to UTF-8 again; once plain, it is encoded.
     */
    void string(String value, int r, int d) {
        if (dictionaryMode) {
            level(r, d);
            int known = dictionary.size();
            dictionaryValue(dictionary.idOf(value), known);
        } else {
            binary(value.getBytes(StandardCharsets.UTF_8), r, d);
        }
    }

    /** A string value as UTF-8 bytes; the column may keep the array until the chunk is written, so it must not change. */
    void binary(byte[] value, int r, int d) {
        level(r, d);
        if (dictionaryMode) {
            int known = dictionary.size();
            dictionaryValue(dictionary.idOf(value), known);
            return;
        }
        plain.writeIntLE(value.length);
        plain.write(value);
        plainBytes += 4L + value.length;
        if (statistics) pageStatistics.updateStats(Binary.fromConstantByteArray(value));
        if (bloomFilter != null) bloomFilter.add(value);
    }

    /**
     * A value found in the dictionary as entry {@code id} (added to it if {@code id >= known}): the
     * page's statistics see each entry once, the bloom filter when it is added.
     */
    private void dictionaryValue(int id, int known) {
        if (bloomFilter != null && id >= known) bloomFilter.add(dictionary.pageArray(), dictionary.start(id), dictionary.length(id));
        if (statistics && dictionary.mark(id, pageOrdinal)) pageStatistics.updateStats(dictionary.entry(id));
        dictionaryId(id);
    }

    void int32(int value, int r, int d) {
        level(r, d);
        plain.writeIntLE(value);
        plainBytes += 4;
        if (statistics) pageStatistics.updateStats(value);
    }

    void int64(long value, int r, int d) {
        level(r, d);
        plain.writeLongLE(value);
        plainBytes += 8;
        if (statistics) pageStatistics.updateStats(value);
    }

    void float64(double value, int r, int d) {
        level(r, d);
        plain.writeLongLE(Double.doubleToRawLongBits(value));
        plainBytes += 8;
        if (statistics) pageStatistics.updateStats(value);
    }

    void bool(boolean value, int r, int d) {
        level(r, d);
        if (value) booleanBits |= 1 << booleans % BOOLEANS_PER_BYTE;
        plainBytes = (booleans + BOOLEANS_PER_BYTE) / BOOLEANS_PER_BYTE;
        if (++booleans % BOOLEANS_PER_BYTE == 0) {
            plain.writeByte(booleanBits);
            booleanBits = 0;
        }
        if (statistics) pageStatistics.updateStats(value);
    }

    void missing(int r, int d) {
        level(r, d);
        pageStatistics.incrementNumNulls();
    }

    /**
     * Called after every row: ends the page once it holds the page size, the page row limit or
     * {@link #MAX_PAGE_LEVELS}, and hands the pages compressed by now to the page store. As in
     * parquet-java, values count at their plain size even while dictionary-encoded, so a page is about
     * as long in rows either way. Returns the chunk's bytes so far before compression: its pages, the
     * open page and the dictionary.
     */
    long endRecord() throws IOException {
        long open = (long) levels * (repWidth + defWidth) / 8 + plainBytes;
        if (open >= properties.getPageSizeThreshold() || pageRows >= properties.getPageRowCountLimit() || levels >= MAX_PAGE_LEVELS) {
            endPage();
            open = 0;
        }
        chunk.handOverCompressed();
        return chunk.bytes() + open + (dictionaryMode || usedEntries > 0 ? dictionary.pageBytes() : 0);
    }

    /**
     * Ends the chunk's last page and starts compressing its dictionary page; {@link #writeChunk} then
     * hands them to the page store. Two steps, so the chunks of a row group are compressed while the
     * next ones are ended.
     */
    void endChunk() {
        endPage();
        if (usedEntries > 0) {
            chunk.endDictionary(dictionary.pageArray(), dictionary.pageLength(usedEntries), usedEntries);
        }
    }

    /** Writes the chunk's pages, dictionary page and bloom filter to the page store, which then writes them out. */
    void writeChunk() throws IOException {
        chunk.handOverAll();
        if (bloomFilter != null) {
            bloomFilters.getBloomFilterWriter(column).writeBloomFilter(bloomFilter.build()); // kept by the file writer until the footer
            bloomFilter.clear();
        }
    }

    private void level(int r, int d) {
        if (storesLevels) { // a required top-level column writes no levels: only count them
            if (levels == rep.length) {
                rep = Arrays.copyOf(rep, 2 * levels);
                def = Arrays.copyOf(def, 2 * levels);
            }
            rep[levels] = (byte) r;
            def[levels] = (byte) d;
        }
        levels++;
        if (r == 0) pageRows++;
    }

    private void dictionaryId(int id) {
        if (idCount == ids.length) ids = Arrays.copyOf(ids, 2 * idCount);
        ids[idCount++] = id;
        plainBytes += 4L + dictionary.length(id);
        if (dictionary.pageBytes() > properties.getDictionaryPageSizeThreshold()) {
            fallBack();
        }
    }

    /** From here on the chunk's values are plain; the open page's ids are re-encoded as plain values. */
    private void fallBack() {
        for (int k = 0; k < idCount; k++) {
            dictionary.writePlain(ids[k], plain);
        }
        idCount = 0;
        dictionaryMode = false;
        if (usedEntries == 0) {
            dictionary.clear(); // no page refers to it
        } else {
            dictionary.stopLookups();
        }
    }

    private void endPage() {
        if (levels == 0) {
            return;
        }
        page.reset();
        if (column.getMaxRepetitionLevel() > 0) levelSection(rep, repWidth);
        if (column.getMaxDefinitionLevel() > 0) levelSection(def, defWidth);
        Encoding encoding = Encoding.PLAIN;
        if (dictionaryMode) {
            int valuesAt = page.size();
            int width = RleHybrid.bitWidth(Math.max(0, dictionary.size() - 1));
            page.writeByte(width);
            RleHybrid.encode(ids, idCount, width, page);
            boolean pays = page.size() - valuesAt + dictionary.pageBytes() < plainBytes;
            if (firstPage && !pays) {
                page.truncate(valuesAt); // this page plain, and the rest of the chunk too
                fallBack();
            } else {
                encoding = Encoding.PLAIN_DICTIONARY;
                usedEntries = dictionary.size();
            }
        } else {
            if (booleans % BOOLEANS_PER_BYTE != 0) plain.writeByte(booleanBits);
        }
        byte[] bytes = encoding == Encoding.PLAIN ? page.toByteArray(plain) : page.toByteArray(null);
        chunk.add(bytes, levels, pageRows, pageStatistics, encoding);
        firstPage = false;
        startPage();
    }

    /** A v1 level section: the 4-byte length of the RLE/bit-packed levels, then the levels. */
    private void levelSection(byte[] values, int width) {
        levelBytes.reset();
        levelPacker.encode(values, levels, width, levelBytes);
        page.writeIntLE(levelBytes.size());
        page.write(levelBytes);
    }

    private void startPage() {
        pageOrdinal++;
        levels = 0;
        pageRows = 0;
        idCount = 0;
        plainBytes = 0;
        plain.reset();
        booleans = 0;
        booleanBits = 0;
        pageStatistics = statistics ? Statistics.createStats(column.getPrimitiveType()) : Statistics.noopStats(column.getPrimitiveType());
    }
}
