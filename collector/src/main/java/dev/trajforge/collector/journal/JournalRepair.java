package dev.trajforge.collector.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trajforge.exporter.FailPoints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;

/**
 * Sets the damaged lines of a journal aside: each is appended, with its line number and reason, to a
 * file under the run directory's {@code damaged/} (kept for whoever wants to look), then the journal is
 * rewritten without them and swapped in with an atomic rename. The episodes of those lines then count
 * as not run and run again. A kill at any moment leaves either the old journal (repaired again next
 * time) or the new one; the set-aside copy is written and fsynced before the swap.
 */
public final class JournalRepair {
    private JournalRepair() {
    }

    /** Moves {@code lines} (all of {@code journal}) into {@code asideDir}; returns the file they went to. */
    public static Path setAside(Path journal, List<DamagedLine> lines, Path asideDir) {
        Path aside = asideDir.resolve(journal.getFileName().toString());
        Path rewritten = journal.resolveSibling(journal.getFileName() + ".repair");
        List<DamagedLine> ordered = lines.stream().sorted(Comparator.comparingLong(DamagedLine::offset)).toList();
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            Files.createDirectories(asideDir);
            try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (DamagedLine line : ordered) write(out, record(journal, line, in));
                out.force(false);
            }
            try (FileChannel out = FileChannel.open(rewritten, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long from = 0;
                for (DamagedLine line : ordered) {
                    copy(in, from, line.offset() - from, out);
                    from = line.offset() + line.length();
                }
                copy(in, from, in.size() - from, out);
                out.force(false);
            }
            FailPoints.reach("journal.repair.before_swap");
            Files.move(rewritten, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException e) {
            throw new JournalWriteException(journal, e);
        }
    }

    private static byte[] record(Path journal, DamagedLine line, FileChannel in) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(line.length());
        while (text.hasRemaining() && in.read(text, line.offset() + text.position()) > 0) {
            // read the whole line
        }
        ObjectNode node = Journal.JSON.createObjectNode();
        node.put("journal", journal.getFileName().toString());
        node.put("line", line.line());
        node.put("reason", line.reason());
        node.put("text", new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).stripTrailing());
        return (Journal.JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void write(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) out.write(buffer);
    }

    private static void copy(FileChannel in, long from, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) done += in.transferTo(from + done, count - done, out);
    }
}
