package dev.trajforge.collector.anonymize;

import dev.trajforge.simenv.Message;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces personal values in one session with consistent, format-preserving pseudonyms: over user and
 * assistant text, reasoning, tool-call arguments and tool results, and the values inside any of them
 * that is JSON. Each fake is seeded by HMAC-SHA256(key, detector, normalized value), so a value has one
 * fake everywhere under one key and an unrelated one under another. Immutable and thread-safe: each
 * call works on its own {@link Session}.
 */
public final class Anonymizer {
    /** One anonymized session: its messages, the audit counts (never values), and what was replaced, masked. */
    public record Result(List<Message> messages, Map<Detector, Integer> counts, List<Replacement> replacements) {
        public Result {
            messages = List.copyOf(messages);
            counts = Collections.unmodifiableMap(new EnumMap<>(counts));
            replacements = List.copyOf(replacements);
        }
    }

    /** One distinct replaced value: {@code masked} hides all but a hint of the original, for review. */
    public record Replacement(Detector detector, String masked, String pseudonym) {}

    /** What a test measures: the original value too. Package-private; never leaves this package. */
    record Finding(Detector detector, String original, String pseudonym) {}

    private final AnonymizerConfig config;
    private final byte[] key;
    private final String defaultRegion;
    /** long texts found clean, shared by the sessions of this anonymizer (a product's system prompt recurs in every one) */
    private final CleanTexts cleanTexts = new CleanTexts();
    private final PhoneWindows phoneWindows = new PhoneWindows();

    /** With US as the region for phone numbers written without a country code. */
    public Anonymizer(AnonymizerConfig config, byte[] key) {
        this(config, key, "US");
    }

    public Anonymizer(AnonymizerConfig config, byte[] key, String defaultRegion) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("anonymization key is empty");
        }
        this.key = key.clone();
        if (!Phones.isRegion(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'");
        }
        this.defaultRegion = defaultRegion;
        Draw.newMac(this.key); // fail now, not per session, if HMAC is missing
    }

    /** The key in environment variable {@code variable}, as UTF-8 bytes; the message names only the variable. */
    public static byte[] keyFromEnvironment(String variable) {
        return keyFrom(variable, System.getenv(variable));
    }

    static byte[] keyFrom(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable
                    + " is not set or blank: set it to the dataset's anonymization secret");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Anonymizer" + config.enabled();
    }

    /** One session. {@code toolsJson} (the tool definitions) is read for nothing personal and left as is. */
    public Result anonymize(List<Message> messages, String toolsJson) {
        Session session = new Session(config, key, defaultRegion, cleanTexts, phoneWindows);
        List<Message> out = session.run(messages);
        List<Replacement> replacements = session.pseudonyms().findings().stream()
                .map(f -> new Replacement(f.detector(), Fakes.mask(f.original()), f.pseudonym()))
                .toList();
        return new Result(out, session.pseudonyms().counts(), replacements);
    }

    /** As {@link #anonymize}, with the originals: for tests that measure precision and recall. */
    List<Finding> findings(List<Message> messages) {
        Session session = new Session(config, key, defaultRegion, cleanTexts, phoneWindows);
        session.run(messages);
        return session.pseudonyms().findings();
    }
}
