package dev.trajforge.collector.journal;

import java.nio.file.Path;

/** A journal line that cannot be read back: where it is (1-based line, byte offset and length) and why. */
public record DamagedLine(Path file, long line, long offset, int length, String reason) {
    public DamagedLine {
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, got " + line);
        if (offset < 0 || length < 0) throw new IllegalArgumentException("offset and length must be >= 0");
    }

    /** "journal-0-of-1.jsonl line 12: bad checksum" */
    public String describe() {
        return file + " line " + line + ": " + reason;
    }
}
