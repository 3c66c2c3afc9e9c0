package dev.trajforge.collector.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Journal entry lines for a journal kept elsewhere than in a {@link Journal} file (a Spark partition's
 * attempt files on HDFS or S3): the same line format (episode, attempt, status, CRC-32C of the JSON, the
 * JSON; tab-separated), rendered and read back with its checksum checked.
 */
public final class JournalLines {
    private JournalLines() {
    }

    /** The entry's line, newline included. */
    public static byte[] render(JournalEntry entry) {
        try {
            return Journal.line(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the journal entry of episode " + entry.episode(), e);
        }
    }

    /** The episode a line records, read from its plain field once its checksum holds; {@code where} names the line in errors. */
    public static long episodeOf(String line, String where) {
        String[] fields = checked(line, where);
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw new JournalReadException(where + ": episode '" + fields[0] + "' is not a number", e);
        }
    }

    /** The entry a line records, once its checksum holds. */
    public static JournalEntry parse(String line, String where) {
        String[] fields = checked(line, where);
        try {
            return Journal.JSON.readValue(fields[4], JournalEntry.class);
        } catch (IOException | RuntimeException e) {
            throw new JournalReadException(where + ": cannot read the entry: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String[] checked(String line, String where) {
        String[] fields = line.split("\t", 5);
        if (fields.length != 5) {
            throw new JournalReadException(where + ": not an entry line (expected episode, attempt, status, checksum and JSON separated by tabs)", null);
        }
        CRC32C crc = new CRC32C();
        crc.update(fields[4].getBytes(StandardCharsets.UTF_8));
        if (!fields[3].matches("[0-9a-f]{8}") || HexFormat.fromHexDigits(fields[3]) != (int) crc.getValue()) {
            throw new JournalReadException(where + ": checksum mismatch: the entry's JSON was changed or damaged", null);
        }
        return fields;
    }
}
