package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trajforge.exporter.FailPoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * An append-only run journal: a {@link JournalHeader} line, then one line per finished episode,
 * written and fsynced before the episode counts as done, never rewritten in place. An entry line is
 * {@code <episode>\t<attempt>\t<status>\t<crc32c>\t<json>\n}: the plain fields let a resume index
 * millions of lines without parsing JSON, and the CRC-32C of the JSON bytes (8 hex digits) finds a
 * damaged line before anything trusts it. Thread-safe.
 *
 * <p>The first failed append (a full disk, a lost share) breaks the journal for good: every later
 * append fails at once with the same cause, so the run stops rather than running episodes it cannot keep.
 */
public final class Journal implements AutoCloseable {
    /** Strict, and exact with decimals inside JSON trees (state changes' values read back as they were written). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private final FileChannel channel;
    private JournalWriteException broken;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating) a journal for appending, first cutting off a torn last line; writes {@code header}
     * when the file is empty or when {@code newHeader} says the entries from here on belong to it.
     */
    public static Journal open(Path file, JournalHeader header, boolean newHeader) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.truncate(lastCompleteLineEnd(channel));
            channel.position(channel.size());
            Journal journal = new Journal(file, channel);
            if (channel.size() == 0 || newHeader) journal.write(header.render());
            return journal;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the open failed already
                }
            }
            throw new JournalWriteException(file, e);
        }
    }

    /** Appends and fsyncs one entry; throws {@link JournalWriteException} (now and for every later call) when it cannot. */
    public synchronized void append(JournalEntry entry) {
        if (broken != null) throw broken;
        try {
            write(line(entry));
        } catch (IOException e) {
            broken = new JournalWriteException(file, e);
            throw broken;
        }
    }

    /** The full line of an entry, line end included. */
    static byte[] line(JournalEntry entry) throws IOException {
        byte[] json = JSON.writeValueAsBytes(entry);
        CRC32C crc = new CRC32C();
        crc.update(json);
        byte[] head = (entry.episode() + "\t" + entry.attempt() + "\t" + entry.status().name().toLowerCase(Locale.ROOT) + "\t"
                + HEX.toHexDigits((int) crc.getValue()) + "\t").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + json.length + 1];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(json, 0, line, head.length, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private void write(byte[] line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) channel.write(bytes);
        FailPoints.reach("journal.append.before_fsync");
        channel.force(false); // durable before the episode counts as finished
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close run journal " + file, e);
        }
    }

    /** Offset just past the last '\n' (0 if none): everything after it is a torn write (of this journal or any line file). */
    public static long lastCompleteLineEnd(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = size;
        while (position > 0) {
            int chunk = (int) Math.min(buffer.capacity(), position);
            position -= chunk;
            buffer.clear().limit(chunk);
            channel.read(buffer, position);
            for (int i = chunk - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') return position + i + 1;
            }
        }
        return 0;
    }
}
