package dev.trajforge.collector.imports;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/** The last lines a server wrote to its stderr (drained while it runs), for the message when it fails. Thread-safe. */
final class StderrTail {
    private static final int LINE_LIMIT = 400;

    private final int lines;
    private final ArrayDeque<String> kept = new ArrayDeque<>();
    private long added;

    StderrTail(int lines) {
        if (lines < 1) throw new IllegalArgumentException("lines must be >= 1, got " + lines);
        this.lines = lines;
    }

    synchronized void add(String line) {
        added++;
        if (line.isBlank()) return;
        String stripped = line.stripTrailing();
        kept.addLast(stripped.length() > LINE_LIMIT ? stripped.substring(0, LINE_LIMIT) + "..." : stripped);
        if (kept.size() > lines) kept.removeFirst();
    }

    /**
     * Waits until no line has come for {@code quiet} (at most {@code limit}): after a server exits, its last lines may
     * still be on their way from the pipe.
     */
    void settle(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long seen = count();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(quiet);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = count();
            if (now == seen) return;
            seen = now;
        }
    }

    private synchronized long count() {
        return added;
    }

    synchronized List<String> lines() {
        return List.copyOf(kept);
    }

    /** The kept lines indented under a heading, or a note that there were none. */
    String describe() {
        List<String> last = lines();
        if (last.isEmpty()) return "it wrote nothing to stderr";
        return "the last lines of its stderr:\n  " + String.join("\n  ", last);
    }
}
