package dev.trajforge.collector.anonymize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The bundled first and last name lists (resources beside this class) and case keeping. */
final class Names {
    static final List<String> FIRST = load("first-names.txt");
    static final List<String> LAST = load("last-names.txt");
    private static final Set<String> FIRST_LOWER = lower(FIRST);
    private static final Set<String> LAST_LOWER = lower(LAST);

    /**
     * Capitalized words that are not names where they stand ("Hi there,", "Thanks Again!"), and names
     * that are also ordinary words: those are matched only in their capitalized form.
     */
    static final Set<String> STOP = Set.copyOf(List.of("there", "team", "all", "everyone", "folks", "again", "sir", "madam",
            "support", "customer", "service", "agent", "the", "you", "we", "so", "much", "guys", "friend", "thanks",
            "hello", "please", "order", "yes", "no", "ok", "okay", "sure", "great", "good", "best", "regards",
            "morning", "afternoon", "evening", "for", "your", "help", "assistant", "user", "a", "an", "and", "i",
            "again", "both", "in", "advance", "very", "a lot", "it", "this", "that", "again", "bot", "mate", "dear"));
    static final Set<String> COMMON_WORDS = Set.copyOf(List.of("will", "mark", "may", "june", "april", "grace", "hope", "rose",
            "bill", "long", "young", "white", "brown", "green", "king", "ray", "dawn", "summer", "art", "frank",
            "joy", "page", "hunter", "black", "lane", "park", "case", "bishop", "price", "cook", "baker", "rich",
            "kim", "lee", "jack", "martin", "thomas", "jackson", "chen", "ito", "kai", "leo", "lea", "ana", "sara"));

    private Names() {}

    static boolean isFirst(String token) {
        return FIRST_LOWER.contains(token.toLowerCase(Locale.ROOT));
    }

    static boolean isLast(String token) {
        return LAST_LOWER.contains(token.toLowerCase(Locale.ROOT));
    }

    /** The fake written in the original's case: UPPER, lower or Title. */
    static String applyCase(String original, String fake) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return fake.toUpperCase(Locale.ROOT);
        }
        if (original.equals(original.toLowerCase(Locale.ROOT))) {
            return fake.toLowerCase(Locale.ROOT);
        }
        return fake;
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static List<String> load(String resource) {
        try (InputStream in = Names.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("name list resource missing: " + resource);
            }
            List<String> names = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
