package dev.trajforge.collector.anonymize;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;

/**
 * The pseudonyms of one session: each (detector, surface form) gets one fake, drawn from
 * HMAC(key, detector, normalized value), so a value reads the same everywhere in the session; and the
 * count of replaced occurrences per detector. Not thread-safe: one per session.
 */
final class Pseudonyms {
    private final Mac mac;
    private final Map<Detector, Integer> counts = new EnumMap<>(Detector.class);
    private final Map<String, Anonymizer.Finding> findings = new LinkedHashMap<>();

    Pseudonyms(byte[] key) {
        this.mac = Draw.newMac(key);
    }

    /** {@code text} with each span replaced by its pseudonym; the spans do not overlap and are in order. */
    String apply(String text, List<Span> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        for (Span sp : spans) {
            sb.append(text, last, sp.start()).append(pseudonym(sp));
            last = sp.end();
        }
        return sb.append(text, last, text.length()).toString();
    }

    /** The pseudonym of one occurrence: drawn once per (detector, surface form) in the session, counted. */
    String pseudonym(Span sp) {
        counts.merge(sp.detector(), 1, Integer::sum);
        String id = sp.detector() + "\u0000" + sp.original();
        Anonymizer.Finding f = findings.get(id);
        if (f == null) {
            f = new Anonymizer.Finding(sp.detector(), sp.original(),
                    sp.fake().apply(Draw.of(mac, sp.detector(), sp.normalized())));
            findings.put(id, f);
        }
        return f.pseudonym();
    }

    Map<Detector, Integer> counts() {
        return counts;
    }

    /** The distinct replaced values, in the order first met. */
    List<Anonymizer.Finding> findings() {
        return List.copyOf(findings.values());
    }

    /** Trimmed, inner white space single, lower case: "12  Main St" and "12 main st" are one value. */
    static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
