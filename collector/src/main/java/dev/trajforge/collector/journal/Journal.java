package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * An append-only run journal: one line per finished episode, written and fsynced before the episode
 * counts as done, never rewritten. A line is {@code <episode>\t<attempt>\t<status>\t<json>\n}; the
 * plain header lets a resume index millions of lines without parsing JSON. A torn last line (the
 * process was killed mid-write) is cut off when the journal is opened again. Thread-safe.
 */
public final class Journal implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .build();

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating) a journal for appending, first cutting off a torn last line. */
    public static Journal open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.truncate(lastCompleteLineEnd(channel));
            channel.position(channel.size());
            return new Journal(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open run journal " + file, e);
        }
    }

    public synchronized void append(JournalEntry entry) {
        try {
            String line = entry.episode() + "\t" + entry.attempt() + "\t" + entry.status().name().toLowerCase(Locale.ROOT) + "\t"
                    + JSON.writeValueAsString(entry) + "\n";
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) channel.write(bytes);
            channel.force(false); // durable before the episode counts as finished
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to run journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close run journal " + file, e);
        }
    }

    /** Offset just past the last '\n' (0 if none): everything after it is a torn write. */
    static long lastCompleteLineEnd(FileChannel channel) throws IOException {
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
