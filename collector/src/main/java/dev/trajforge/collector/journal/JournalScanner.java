package dev.trajforge.collector.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a journal file once, in large chunks, and reports each line: header lines whole, entry lines
 * as their plain fields plus the CRC-32C of their JSON bytes (computed over the bytes as they stream
 * by, never decoding the JSON). Entry lines written before checksums (three fields, then the JSON)
 * are reported with a null checksum field.
 */
final class JournalScanner {
    /** What a line held; {@code fields} are the plain fields before the JSON (3 or 4). */
    interface Lines {
        void header(long line, long offset, int length, String text);

        /** {@code checksum}: the line's checksum field, null on a line from before checksums; {@code jsonCrc}: computed */
        void entry(long line, long offset, int length, String[] fields, String checksum, long jsonCrc);

        void damaged(long line, long offset, int length, String reason);
    }

    private static final int MAX_FIELDS_CHARS = 96;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private JournalScanner() {
    }

    static void scan(Path file, Lines lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            new State(lines).run(channel);
        }
    }

    private static final class State {
        private final Lines lines;
        private long lineNo = 1;
        private long lineStart;
        private long position;
        private boolean headerLine;
        private boolean firstByte = true;
        private final ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        private final StringBuilder fields = new StringBuilder();
        private final StringBuilder checksum = new StringBuilder();
        private int tabs;
        /** 0: in the plain fields; 1: after the third tab (a checksum, or the JSON of an old entry); 2: in the JSON */
        private int part;
        private boolean checksummed;
        private boolean tooLong;
        private final CRC32C crc = new CRC32C();

        State(Lines lines) {
            this.lines = lines;
        }

        void run(FileChannel channel) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (channel.read(buffer) != -1 || buffer.position() > 0) {
                buffer.flip();
                if (!buffer.hasRemaining()) break;
                consume(buffer.array(), buffer.limit());
                buffer.clear();
            }
            if (position > lineStart) lines.damaged(lineNo, lineStart, (int) (position - lineStart), "torn write: the line has no end");
        }

        private void consume(byte[] bytes, int limit) {
            int i = 0;
            while (i < limit) {
                if (part == 2) { // bulk: checksum up to the line end
                    int end = i;
                    while (end < limit && bytes[end] != '\n') end++;
                    crc.update(bytes, i, end - i);
                    position += end - i;
                    i = end;
                    if (i == limit) return;
                }
                byte b = bytes[i++];
                position++;
                if (b == '\n') {
                    endLine();
                    continue;
                }
                if (firstByte) {
                    firstByte = false;
                    headerLine = b == '#';
                }
                if (headerLine) {
                    if (headerBytes.size() < MAX_HEADER_BYTES) headerBytes.write(b);
                    else tooLong = true;
                } else if (part == 0) {
                    if (b == '\t' && ++tabs == 3) part = 1;
                    else if (fields.length() < MAX_FIELDS_CHARS) fields.append((char) (b & 0xff));
                    else tooLong = true;
                } else if (b == '{' && checksum.isEmpty()) {
                    crc.update(b);
                    part = 2; // an entry from before checksums: the JSON starts right after the status
                } else if (b == '\t') {
                    checksummed = true;
                    part = 2;
                } else if (checksum.length() < 16) {
                    checksum.append((char) (b & 0xff));
                } else {
                    tooLong = true;
                }
            }
        }

        private void endLine() {
            int length = (int) (position - lineStart);
            if (headerLine) {
                if (tooLong) lines.damaged(lineNo, lineStart, length, "header line longer than " + MAX_HEADER_BYTES + " bytes");
                else lines.header(lineNo, lineStart, length, headerBytes.toString(StandardCharsets.UTF_8));
            } else if (length == 1) {
                lines.damaged(lineNo, lineStart, length, "empty line");
            } else if (tooLong || part != 2) {
                lines.damaged(lineNo, lineStart, length, "not an entry line (expected episode, attempt, status, checksum and JSON separated by tabs)");
            } else {
                String[] split = fields.toString().split("\t", -1);
                lines.entry(lineNo, lineStart, length, split, checksummed ? checksum.toString() : null, crc.getValue());
            }
            lineNo++;
            lineStart = position;
            headerLine = false;
            firstByte = true;
            headerBytes.reset();
            fields.setLength(0);
            checksum.setLength(0);
            tabs = 0;
            part = 0;
            checksummed = false;
            tooLong = false;
            crc.reset();
        }
    }
}
