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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where the latest entry of every journaled episode is, across all journal files of a run, read from
 * the line headers only (no JSON parsing), so indexing stays cheap. Later lines win: a retried infra
 * failure replaces the earlier attempt.
 *
 * <p>Episode numbers are dense (0 to tasks x trials - 1), so the index is a set of primitive arrays
 * indexed by episode: 8 bytes of offset, 4 of length, 2 of file and 1 each of attempt and status — 16
 * bytes per episode, no object per entry ({@link Slot}s are made on demand).
 */
public final class JournalIndex {
    private static final RecordStatus[] STATUSES = RecordStatus.values();

    /** Location and header of one entry. */
    public record Slot(Path file, long offset, int length, int attempt, RecordStatus status) {
    }

    private final List<Path> files = new ArrayList<>();
    private long[] offsets = new long[0];
    private int[] lengths = new int[0];
    /** the file's index plus one; 0 = episode never journaled */
    private short[] fileOfEpisode = new short[0];
    private byte[] attempts = new byte[0];
    private byte[] statuses = new byte[0];
    private int size;

    public static JournalIndex of(List<Path> files) {
        JournalIndex index = new JournalIndex();
        for (Path file : files) index.scan(file);
        return index;
    }

    /** The latest entry of {@code episode}, or null when it was never journaled. */
    public Slot slot(long episode) {
        if (episode < 0 || episode >= fileOfEpisode.length || fileOfEpisode[(int) episode] == 0) return null;
        int e = (int) episode;
        return new Slot(files.get(fileOfEpisode[e] - 1), offsets[e], lengths[e], attempts[e], STATUSES[statuses[e]]);
    }

    /** How many distinct episodes are journaled. */
    public int size() {
        return size;
    }

    /** Reads the full entry at a slot. */
    public JournalEntry read(Slot slot) {
        try (RandomAccessFile in = new RandomAccessFile(slot.file().toFile(), "r")) {
            return read(in, slot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run journal " + slot.file() + " at " + slot.offset(), e);
        }
    }

    /** Visits the latest entry of episodes 0..count-1 in order, skipping those never journaled; each journal file is opened once. */
    public void forEachInOrder(long count, Consumer<JournalEntry> visitor) {
        RandomAccessFile[] open = new RandomAccessFile[files.size()];
        try {
            for (long episode = 0; episode < count; episode++) {
                Slot slot = slot(episode);
                if (slot == null) continue;
                int file = fileOfEpisode[(int) episode] - 1;
                if (open[file] == null) open[file] = new RandomAccessFile(slot.file().toFile(), "r");
                visitor.accept(read(open[file], slot));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run journal", e);
        } finally {
            for (RandomAccessFile in : open) {
                if (in == null) continue;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    private static JournalEntry read(RandomAccessFile in, Slot slot) throws IOException {
        byte[] line = new byte[slot.length()];
        in.seek(slot.offset());
        in.readFully(line);
        String text = new String(line, StandardCharsets.UTF_8);
        int json = nthTab(text, 3) + 1;
        return Journal.JSON.readValue(text.substring(json), JournalEntry.class);
    }

    private void scan(Path file) {
        if (!Files.exists(file)) return;
        if (files.size() == Short.MAX_VALUE) throw new IllegalStateException("more than " + Short.MAX_VALUE + " journal files");
        files.add(file);
        short fileId = (short) files.size();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            StringBuilder header = new StringBuilder();
            int tabs = 0;
            long lineStart = 0;
            int b;
            while ((b = in.read()) != -1) {
                offset++;
                if (b == '\n') {
                    if (tabs >= 3) record(fileId, lineStart, (int) (offset - lineStart), header.toString());
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

    private void record(short fileId, long offset, int length, String header) {
        String[] parts = header.split("\t");
        long episode = Long.parseLong(parts[0]);
        if (episode < 0 || episode >= Integer.MAX_VALUE - 8) throw new IllegalStateException("journal episode out of range: " + episode);
        int e = (int) episode;
        ensureCapacity(e + 1);
        if (fileOfEpisode[e] == 0) size++;
        fileOfEpisode[e] = fileId;
        offsets[e] = offset;
        lengths[e] = length;
        attempts[e] = (byte) Math.min(Integer.parseInt(parts[1]), Byte.MAX_VALUE);
        statuses[e] = (byte) RecordStatus.valueOf(parts[2].toUpperCase(Locale.ROOT)).ordinal();
    }

    private void ensureCapacity(int needed) {
        if (needed <= fileOfEpisode.length) return;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, fileOfEpisode.length * 2L));
        offsets = Arrays.copyOf(offsets, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        fileOfEpisode = Arrays.copyOf(fileOfEpisode, capacity);
        attempts = Arrays.copyOf(attempts, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
    }

    private static int nthTab(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) at = text.indexOf('\t', at + 1);
        return at;
    }
}
