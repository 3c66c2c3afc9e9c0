package dev.trajforge.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.collector.journal.JournalEntry;
import dev.trajforge.collector.journal.JournalLines;
import dev.trajforge.collector.journal.JournalReadException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The journal of one partition on the run directory (HDFS, S3 or a shared path):
 * {@code <run-dir>/spark/part-NNNNN/attempt-<id>.jsonl}, one file per task attempt, each entry line
 * flushed and synced before the episode counts. An attempt reads what earlier attempts made durable
 * and runs only the rest, so a retried, lost or speculative task never pays again for a finished
 * episode. The first attempt to finish commits the partition by renaming its commit file to
 * {@code part-NNNNN.commit} (the sources and their byte lengths to read); a later one finds it and
 * loses: exactly one set of lines is ever read, whatever attempts ran.
 */
final class PartitionJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path dir;
    private final Path commit;
    private final long first;
    private final long end;

    /** An attempt file's name and how many bytes of complete lines it holds. */
    record Source(String file, long bytes) {
    }

    /**
     * What earlier attempts made durable: their files, the episodes (bit {@code e - first}) they hold, and how many entries
     * of the partition's episodes each file holds.
     */
    record Durable(List<Source> sources, BitSet done, Map<String, Long> entries) {
        /** The entries in the files whose names start with {@code prefix} (the attempt files of one job). */
        long entriesIn(String prefix) {
            return entries.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
        }
    }

    PartitionJournal(FileSystem fs, Path runDir, Partitions partitions, int partition) {
        this.fs = fs;
        String name = String.format("part-%05d", partition);
        this.dir = new Path(new Path(runDir, "spark"), name);
        this.commit = new Path(new Path(runDir, "spark"), name + ".commit");
        this.first = partitions.first(partition);
        this.end = partitions.end(partition);
    }

    boolean committed() throws IOException {
        return fs.exists(commit);
    }

    Durable durable() throws IOException {
        List<Source> sources = new ArrayList<>();
        BitSet done = new BitSet();
        Map<String, Long> entries = new TreeMap<>();
        if (!fs.exists(dir)) return new Durable(sources, done, entries);
        FileStatus[] files = fs.listStatus(dir, path -> path.getName().startsWith("attempt-") && path.getName().endsWith(".jsonl"));
        Arrays.sort(files);
        for (FileStatus file : files) {
            long bytes = LineFile.scan(fs, file.getPath(), Long.MAX_VALUE, (text, offset, length) -> {
                long episode = trusted(text, file.getPath(), offset);
                if (episode >= first && episode < end) {
                    done.set((int) (episode - first));
                    entries.merge(file.getPath().getName(), 1L, Long::sum);
                }
            });
            if (bytes > 0) sources.add(new Source(file.getPath().getName(), bytes));
        }
        return new Durable(sources, done, entries);
    }

    /** Visits every durable episode once (the first trusted line of an episode wins), in no particular order. */
    void readDurable(Durable durable, Consumer<JournalEntry> visitor) throws IOException {
        BitSet seen = new BitSet();
        for (Source s : durable.sources()) {
            Path file = new Path(dir, s.file());
            LineFile.scan(fs, file, s.bytes(), (text, offset, length) -> {
                long episode = trusted(text, file, offset);
                if (episode >= first && episode < end && !seen.get((int) (episode - first))) {
                    seen.set((int) (episode - first));
                    visitor.accept(JournalLines.parse(text, file + " at byte " + offset));
                }
            });
        }
    }

    /** Creates this attempt's file; fails if it exists (attempt ids are unique within a job). */
    Attempt open(String attempt) throws IOException {
        Path file = new Path(dir, "attempt-" + attempt + ".jsonl");
        return new Attempt(file.getName(), fs.create(file, false));
    }

    /**
     * Commits the partition with {@code sources} unless another attempt did first; true if this one won.
     * The commit file is written and synced under a name of the attempt's own, then renamed: the rename
     * fails when the commit file exists (HDFS and the local file system never replace on rename).
     */
    boolean commit(List<Source> sources, String attempt) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("first", first).put("end", end);
        ArrayNode files = node.putArray("sources");
        sources.forEach(source -> files.addObject().put("file", source.file()).put("bytes", source.bytes()));
        Path candidate = new Path(commit.getParent(), commit.getName() + "." + attempt + ".tmp");
        try (FSDataOutputStream out = fs.create(candidate, true)) {
            out.write(JSON.writeValueAsBytes(node));
            out.hsync();
        }
        if (!fs.exists(commit) && fs.rename(candidate, commit)) return true;
        fs.delete(candidate, false);
        return false;
    }

    /** Visits every episode of the committed partition once, in episode order (the first line of an episode wins). */
    void read(Consumer<JournalEntry> visitor) throws IOException {
        read(episode -> true, visitor);
    }

    /** As {@link #read(Consumer)}, for the episodes {@code wanted} accepts only: the other lines are not parsed. */
    void read(LongPredicate wanted, Consumer<JournalEntry> visitor) throws IOException {
        int size = (int) (end - first);
        int[] source = new int[size];
        long[] offsets = new long[size];
        int[] lengths = new int[size];
        Arrays.fill(source, -1);
        List<Path> files = new ArrayList<>();
        for (Source s : committedSources()) {
            Path file = new Path(dir, s.file());
            int index = files.size();
            files.add(file);
            LineFile.scan(fs, file, s.bytes(), (text, offset, length) -> {
                long episode = trusted(text, file, offset);
                if (episode >= first && episode < end && source[(int) (episode - first)] < 0) {
                    int i = (int) (episode - first);
                    source[i] = index;
                    offsets[i] = offset;
                    lengths[i] = length;
                }
            });
        }
        FSDataInputStream[] open = new FSDataInputStream[files.size()];
        try {
            for (int i = 0; i < size; i++) {
                if (source[i] < 0) throw new IllegalStateException(commit + ": episode " + (first + i) + " is in no committed source");
                if (!wanted.test(first + i)) continue;
                if (open[source[i]] == null) open[source[i]] = fs.open(files.get(source[i]));
                String where = files.get(source[i]) + " at byte " + offsets[i];
                visitor.accept(JournalLines.parse(LineFile.read(open[source[i]], offsets[i], lengths[i]), where));
            }
        } finally {
            for (FSDataInputStream in : open) {
                if (in != null) in.close();
            }
        }
    }

    List<Source> committedSources() throws IOException {
        JsonNode node;
        try (InputStream in = fs.open(commit)) {
            node = JSON.readTree(in);
        }
        List<Source> sources = new ArrayList<>();
        for (JsonNode s : node.path("sources")) sources.add(new Source(s.path("file").asText(), s.path("bytes").asLong()));
        return sources;
    }

    /** Entry lines in all attempt files of the partition, committed or not: how many episodes were run, re-runs included. */
    long entriesInAttemptFiles() throws IOException {
        long[] count = {0};
        if (!fs.exists(dir)) return 0;
        for (FileStatus file : fs.listStatus(dir)) {
            LineFile.scan(fs, file.getPath(), Long.MAX_VALUE, (text, offset, length) -> count[0]++);
        }
        return count[0];
    }

    /** The episode of a line whose checksum holds, or -1 (told on stderr) for a damaged one, which is then run again. */
    private static long trusted(String text, Path file, long offset) {
        try {
            return JournalLines.episodeOf(text, file + " at byte " + offset);
        } catch (JournalReadException e) {
            System.err.println("trajforge: " + e.getMessage() + "; the line is not used");
            return -1;
        }
    }

    /** One attempt's journal file, appended to by the attempt's episodes concurrently. */
    static final class Attempt implements AutoCloseable {
        private final String name;
        private final FSDataOutputStream out;

        private Attempt(String name, FSDataOutputStream out) {
            this.name = name;
            this.out = out;
        }

        /** Appends the entry and returns once it is durable (hflush for readers, hsync for the disks). */
        synchronized void append(JournalEntry entry) throws IOException {
            out.write(JournalLines.render(entry));
            out.hflush();
            out.hsync();
        }

        synchronized Source source() throws IOException {
            return new Source(name, out.getPos());
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
