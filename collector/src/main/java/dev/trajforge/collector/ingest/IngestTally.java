package dev.trajforge.collector.ingest;

import dev.trajforge.collector.anonymize.Detector;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What an import has seen so far: sessions read, lines and sessions set aside (each also handed to a
 * listener as it is found), and the replacements per detector and per session (counts, never values).
 * Used from the reading thread only.
 */
final class IngestTally {
    private final Consumer<IngestItem.Rejected> rejectedOut;
    private final List<IngestItem.Rejected> rejected = new ArrayList<>();
    private final Map<Detector, Long> replaced = new EnumMap<>(Detector.class);
    private final Map<String, Map<String, Integer>> bySession = new TreeMap<>();
    private long sessions;

    IngestTally(Consumer<IngestItem.Rejected> rejectedOut) {
        this.rejectedOut = rejectedOut;
    }

    void sessionRead() {
        sessions++;
    }

    /** A line that could not become a session, or a session that broke after it was read (then no longer counted as one). */
    void rejected(IngestItem.Rejected reject, boolean wasCountedAsSession) {
        if (wasCountedAsSession) sessions--;
        rejected.add(reject);
        rejectedOut.accept(reject);
    }

    void anonymized(String trajectoryId, Map<Detector, Integer> counts) {
        Map<String, Integer> perSession = new TreeMap<>();
        counts.forEach((detector, count) -> {
            replaced.merge(detector, (long) count, Long::sum);
            perSession.put(detector.wireName(), count);
        });
        bySession.put(trajectoryId, perSession);
    }

    long sessions() {
        return sessions;
    }

    List<IngestItem.Rejected> rejected() {
        return List.copyOf(rejected);
    }

    Map<Detector, Long> replaced() {
        return Map.copyOf(replaced);
    }

    double rejectRate() {
        return SessionIngest.Outcome.rejectRate(sessions, rejected.size());
    }

    /** The manifest's ingest metrics: sessions, rejects by reason, replacements by detector and by session. */
    Map<String, Object> metrics() {
        Map<String, Object> metrics = new TreeMap<>();
        metrics.put("ingest_sessions", sessions);
        metrics.put("ingest_rejected_lines", SessionIngest.byReason(rejected));
        Map<String, Long> byDetector = new TreeMap<>();
        replaced.forEach((detector, count) -> byDetector.put(detector.wireName(), count));
        metrics.put("anonymized_by_detector", byDetector);
        metrics.put("anonymized_by_session", bySession);
        return metrics;
    }
}
