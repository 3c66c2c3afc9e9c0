package dev.trajforge.simenv;

/**
 * Where an ingested session came from. {@code line} is the 1-based line where the session starts in a
 * JSON Lines (or JSON array) file, or 0 when the whole file is one session (Claude Code, Codex).
 * {@code sessionId} is the id the log gave the session, or null when it gave none.
 */
public record SessionOrigin(String file, long line, String format, String sessionId) {
    public SessionOrigin {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("session origin needs a file");
        if (line < 0) throw new IllegalArgumentException("session origin " + file + ": line must be >= 0, got " + line);
        if (format == null || format.isBlank()) throw new IllegalArgumentException("session origin " + file + " needs a format");
    }
}
