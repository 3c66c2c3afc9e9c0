package dev.trajforge.collector.journal;

import dev.trajforge.exporter.RecordStatus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the latest entry of every journaled episode is, across all journal files of a run, read from
 * the line headers only (no JSON parsing), so indexing stays cheap and memory stays at a few dozen
 * bytes per episode. Later lines win: a retried infra failure replaces the earlier attempt.
 */
public final class JournalIndex {
    /** Location and header of one entry. */
    public record Slot(Path file, long offset, int length, int attempt, RecordStatus status) {
    }

    private final Map<Long, Slot> latest = new HashMap<>();

    public static JournalIndex of(List<Path> files) {
        JournalIndex index = new JournalIndex();
        for (Path file : files) index.scan(file);
        return index;
    }

    public Slot slot(long episode) {
        return latest.get(episode);
    }

    public int size() {
        return latest.size();
    }

    /** Reads the full entry at a slot. */
    public JournalEntry read(Slot slot) {
        try (RandomAccessFile in = new RandomAccessFile(slot.file().toFile(), "r")) {
            byte[] line = new byte[slot.length()];
            in.seek(slot.offset());
            in.readFully(line);
            String text = new String(line, StandardCharsets.UTF_8);
            int json = nthTab(text, 3) + 1;
            return Journal.JSON.readValue(text.substring(json), JournalEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run journal " + slot.file() + " at " + slot.offset(), e);
        }
    }

    /** Visits the latest entry of episodes 0..count-1 in order, skipping those never journaled. */
    public void forEachInOrder(long count, Consumer<JournalEntry> visitor) {
        for (long episode = 0; episode < count; episode++) {
            Slot slot = latest.get(episode);
            if (slot != null) visitor.accept(read(slot));
        }
    }

    private void scan(Path file) {
        if (!Files.exists(file)) return;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            StringBuilder header = new StringBuilder();
            int tabs = 0;
            long lineStart = 0;
            int b;
            while ((b = in.read()) != -1) {
                offset++;
                if (b == '\n') {
                    if (tabs >= 3) record(file, lineStart, (int) (offset - lineStart), header.toString());
                    header.setLength(0);
                    tabs = 0;
                    lineStart = offset;
                } else if (tabs < 3) {
                    if (b == '\t') tabs++;
                    header.append((char) b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run journal " + file, e);
        }
    }

    private void record(Path file, long offset, int length, String header) {
        String[] parts = header.split("\t");
        long episode = Long.parseLong(parts[0]);
        Slot slot = new Slot(file, offset, length, Integer.parseInt(parts[1]), RecordStatus.valueOf(parts[2].toUpperCase(Locale.ROOT)));
        latest.put(episode, slot);
    }

    private static int nthTab(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) at = text.indexOf('\t', at + 1);
        return at;
    }
}
