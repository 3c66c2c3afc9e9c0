package dev.trajforge.collector.anonymize;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long texts in which no detector that works on the text alone found anything (no email, phone, card,
 * IBAN, id, IP, date of birth or street address, and no greeting, signature or introduction naming
 * someone), shared by every session of one {@link Anonymizer}. Logs repeat such texts in every session (a
 * product's system prompt, a policy, a canned reply): found clean once, they are not scanned again. What
 * depends on the session (a name gathered from its structured fields appearing in the text) is still
 * looked for in every session. Bounded: cleared when it holds {@value #CAPACITY} texts. Thread-safe.
 */
final class CleanTexts {
    /** Texts shorter than this are cheaper to scan than to remember. */
    static final int MIN_LENGTH = 256;
    static final int CAPACITY = 4096;

    private final Set<String> clean = ConcurrentHashMap.newKeySet();

    boolean contains(String text) {
        return text.length() >= MIN_LENGTH && clean.contains(text);
    }

    void add(String text) {
        if (text.length() < MIN_LENGTH) return;
        if (clean.size() >= CAPACITY) clean.clear();
        clean.add(text);
    }
}
