package dev.trajforge.collector.journal;

import dev.trajforge.exporter.RecordStatus;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the latest entry of every journaled episode is, across all journal files of a run, read from
 * the plain fields and checksums of the lines (no JSON parsing), so indexing stays cheap. Later lines
 * win: a retried infra failure replaces the earlier attempt. A line that cannot be trusted (bad fields,
 * a checksum that does not match, an episode outside the run, a torn end) is not indexed but listed in
 * {@link #damaged()}, so its episode counts as not run.
 *
 * <p>Episode numbers are dense (0 to tasks x trials - 1), so the index is a set of primitive arrays
 * indexed by episode: 8 bytes of offset, 4 of length, 2 of file and 1 each of attempt and status — 16
 * bytes per episode, no object per entry ({@link Slot}s are made on demand).
 */
public final class JournalIndex {
    private static final RecordStatus[] STATUSES = RecordStatus.values();
    private static final Map<String, RecordStatus> STATUS_NAMES = new LinkedHashMap<>();

    static {
        for (RecordStatus status : STATUSES) STATUS_NAMES.put(status.name().toLowerCase(Locale.ROOT), status);
    }

    /** Location and header of one entry. */
    public record Slot(Path file, long offset, int length, int attempt, RecordStatus status) {
    }

    /** What one journal file says about itself: its latest header (null if it has none) and how many entries it indexes. */
    public record FileSummary(Path file, JournalHeader latestHeader, long entries) {
    }

    private final long episodes;
    private final List<Path> files = new ArrayList<>();
    private final List<FileSummary> summaries = new ArrayList<>();
    private final List<DamagedLine> damaged = new ArrayList<>();
    private long[] offsets = new long[0];
    private int[] lengths = new int[0];
    /** the file's index plus one; 0 = episode never journaled */
    private short[] fileOfEpisode = new short[0];
    private byte[] attempts = new byte[0];
    private byte[] statuses = new byte[0];
    private int size;

    private JournalIndex(long episodes) {
        this.episodes = episodes;
    }

    /** Indexes {@code files} of a run with {@code episodes} episodes (entries beyond it are damaged lines). */
    public static JournalIndex of(List<Path> files, long episodes) {
        JournalIndex index = new JournalIndex(episodes);
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

    /** Lines that were not indexed, in file and line order. */
    public List<DamagedLine> damaged() {
        return List.copyOf(damaged);
    }

    /** One summary per journal file, in the order given. */
    public List<FileSummary> files() {
        return List.copyOf(summaries);
    }

    /** Reads the full entry at a slot. */
    public JournalEntry read(Slot slot) {
        try (RandomAccessFile in = new RandomAccessFile(slot.file().toFile(), "r")) {
            return read(in, slot);
        } catch (IOException e) {
            throw new JournalReadException("cannot read the run journal " + slot.file() + ": " + e.getMessage(), e);
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
            throw new JournalReadException("cannot read the run journal: " + e.getMessage(), e);
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
        int json = text.indexOf('{');
        try {
            return Journal.JSON.readValue(text.substring(json), JournalEntry.class);
        } catch (IOException | RuntimeException e) {
            throw new JournalReadException("run journal " + slot.file() + " line " + lineNumber(slot) + ": cannot read the entry: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The 1-based line of a slot, counted only when an error needs it. */
    private static long lineNumber(Slot slot) {
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(slot.file()), 1 << 16)) {
            long line = 1;
            for (long i = 0; i < slot.offset(); i++) if (in.read() == '\n') line++;
            return line;
        } catch (IOException e) {
            return -1;
        }
    }

    private void scan(Path file) {
        if (!Files.exists(file)) return;
        if (files.size() == Short.MAX_VALUE) throw new IllegalStateException("more than " + Short.MAX_VALUE + " journal files");
        files.add(file);
        short fileId = (short) files.size();
        JournalHeader[] header = new JournalHeader[1];
        long[] entries = new long[1];
        try {
            JournalScanner.scan(file, new JournalScanner.Lines() {
                @Override
                public void header(long line, long offset, int length, String text) {
                    try {
                        header[0] = JournalHeader.parse(text);
                    } catch (IOException | RuntimeException e) {
                        damaged.add(new DamagedLine(file, line, offset, length, "unreadable journal header: " + e.getMessage()));
                    }
                }

                @Override
                public void entry(long line, long offset, int length, String[] fields, String checksum, long jsonCrc) {
                    String problem = record(fileId, offset, length, fields, checksum, jsonCrc);
                    if (problem != null) {
                        damaged.add(new DamagedLine(file, line, offset, length, problem));
                        return;
                    }
                    entries[0]++;
                }

                @Override
                public void damaged(long line, long offset, int length, String reason) {
                    damaged.add(new DamagedLine(file, line, offset, length, reason));
                }
            });
        } catch (IOException e) {
            throw new JournalReadException("cannot read the run journal " + file + ": " + e.getMessage(), e);
        }
        summaries.add(new FileSummary(file, header[0], entries[0]));
    }

    /** Indexes one entry line; returns why it cannot be trusted, or null. */
    private String record(short fileId, long offset, int length, String[] fields, String checksum, long jsonCrc) {
        if (fields.length != 3) return "expected episode, attempt and status before the JSON, found " + fields.length + " fields";
        long episode;
        int attempt;
        try {
            episode = Long.parseLong(fields[0]);
            attempt = Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            return "episode '" + fields[0] + "' or attempt '" + fields[1] + "' is not a number";
        }
        if (episode < 0 || episode >= episodes) return "episode " + episode + " is outside this run (0 to " + (episodes - 1) + ")";
        if (attempt < 1 || attempt > Byte.MAX_VALUE) return "attempt " + attempt + " is outside 1 to " + Byte.MAX_VALUE;
        RecordStatus status = STATUS_NAMES.get(fields[2]);
        if (status == null) return "unknown status '" + fields[2] + "' (known: " + String.join(", ", STATUS_NAMES.keySet()) + ")";
        if (checksum != null) {
            if (!checksum.matches("[0-9a-f]{8}")) return "checksum '" + checksum + "' is not 8 hex digits";
            if (HexFormat.fromHexDigits(checksum) != (int) jsonCrc) return "checksum mismatch: the entry's JSON was changed or damaged";
        }
        int e = (int) episode;
        ensureCapacity(e + 1);
        if (fileOfEpisode[e] == 0) size++;
        fileOfEpisode[e] = fileId;
        offsets[e] = offset;
        lengths[e] = length;
        attempts[e] = (byte) attempt;
        statuses[e] = (byte) status.ordinal();
        return null;
    }

    private void ensureCapacity(int needed) {
        if (needed <= fileOfEpisode.length) return;
        int capacity = (int) Math.min(Math.min(Integer.MAX_VALUE - 8, episodes), Math.max(needed, fileOfEpisode.length * 2L));
        offsets = Arrays.copyOf(offsets, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        fileOfEpisode = Arrays.copyOf(fileOfEpisode, capacity);
        attempts = Arrays.copyOf(attempts, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
    }
}
