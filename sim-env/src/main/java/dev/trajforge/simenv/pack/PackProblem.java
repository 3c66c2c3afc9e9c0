package dev.trajforge.simenv.pack;

import java.util.Objects;

/**
 * One thing wrong with a domain pack, where it is: the file (relative to the pack), the 1-based line
 * (0 when the problem is the file as a whole) and the key as a dotted path ({@code tools[3].effects[0].path}).
 */
public record PackProblem(String file, int line, String key, String message) {
    public PackProblem {
        Objects.requireNonNull(file, "file");
        if (line < 0) throw new IllegalArgumentException("line must be >= 0, got " + line);
        key = key == null ? "" : key;
        Objects.requireNonNull(message, "message");
    }

    /** As {@link #toString()}, the file named by its path under {@code pack}. */
    public String toString(java.nio.file.Path pack) {
        return new PackProblem(pack.resolve(file).toString(), line, key, message).toString();
    }

    /** {@code file:line: key: message}, the form every pack error is printed in. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
