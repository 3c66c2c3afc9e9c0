package dev.trajforge.collector.anonymize;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Anonymizer#anonymize} call: names gathered over the whole session first, then every string
 * of every message rewritten (text as text, JSON value by value), one pseudonym per value throughout.
 */
final class Session {
    private final AnonymizerConfig config;
    private final String region;
    private final Pseudonyms pseudonyms;
    private final PersonNames names = new PersonNames();
    /** The spans of each string already scanned in this session (ids, emails, phones recur across messages). */
    private final Map<String, List<Span>> scanned = new HashMap<>();
    private final Map<String, List<Span>> scannedAsBirthDate = new HashMap<>();
    /** Each JSON string of the session parsed once, for both passes; NOT_JSON for text. */
    private final Map<String, JsonNode> trees = new HashMap<>();
    private static final JsonNode NOT_JSON = MissingNode.getInstance();

    /** texts of this session whose greetings, signatures and introductions named no one */
    private final java.util.Set<String> namelessTexts = new java.util.HashSet<>();
    private final CleanTexts cleanTexts;
    private final PhoneWindows phoneWindows;

    Session(AnonymizerConfig config, byte[] key, String region, CleanTexts cleanTexts, PhoneWindows phoneWindows) {
        this.config = config;
        this.region = region;
        this.pseudonyms = new Pseudonyms(key);
        this.cleanTexts = cleanTexts;
        this.phoneWindows = phoneWindows;
    }

    Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    List<Message> run(List<Message> messages) {
        if (config.isEnabled(Detector.PERSON_NAME)) {
            for (Message m : messages) {
                collectNames(m.content());
                collectNames(m.reasoning());
                for (ToolCall c : m.toolCalls()) {
                    collectNames(c.argumentsJson());
                }
            }
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<ToolCall> calls = m.toolCalls().stream()
                    .map(c -> new ToolCall(c.id(), c.name(), rewrite(c.argumentsJson())))
                    .toList();
            out.add(new Message(m.role(), rewrite(m.content()), rewrite(m.reasoning()), calls,
                    m.toolCallId(), m.name(), m.error()));
        }
        return out;
    }

    private void collectNames(String s) {
        if (s == null || s.isBlank()) {
            return;
        }
        JsonNode json = tree(s);
        if (json != null) {
            names.collect(json);
        } else if (!cleanTexts.contains(s)) {
            int before = names.size();
            names.collectText(s);
            if (names.size() == before) namelessTexts.add(s);
        }
    }

    private String rewrite(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        JsonNode json = tree(s);
        return json != null ? JsonTrees.rewrite(s, json, this::rewriteValue) : rewriteText(s);
    }

    /** The string's JSON tree (never changed: the rewrite copies), or null for text. */
    private JsonNode tree(String s) {
        JsonNode tree = trees.computeIfAbsent(s, k -> {
            JsonNode parsed = JsonTrees.parse(k);
            return parsed == null ? NOT_JSON : parsed;
        });
        return tree == NOT_JSON ? null : tree;
    }

    private String rewriteText(String text) {
        return pseudonyms.apply(text, scan(text, false));
    }

    /** A value under a key that says what it is: the text scan first, then the whole value as that kind. */
    private String rewriteValue(String value, Detector keyed) {
        if (keyed == null || !config.isEnabled(keyed) || value.isBlank()) {
            return rewriteText(value);
        }
        List<Span> spans = scan(value, keyed == Detector.BIRTH_DATE);
        boolean covered = spans.stream().anyMatch(sp -> sp.detector() == keyed);
        if (covered || keyed == Detector.PERSON_NAME) {
            return pseudonyms.apply(value, spans);
        }
        Span whole = switch (keyed) {
            case PHONE -> Phones.whole(value, region);
            case BIRTH_DATE -> BirthDates.whole(value);
            case STREET_ADDRESS -> StreetAddresses.whole(value);
            case EMAIL, NATIONAL_ID, IP, IBAN, CARD -> Span.whole(value, keyed, Pseudonyms.normalize(value),
                    d -> Fakes.redraw(value, d));
            case PERSON_NAME -> null;
        };
        return pseudonyms.apply(value, whole == null ? spans : List.of(whole));
    }

    /** Every enabled detector over one string, overlaps resolved; once per distinct string in the session. */
    private List<Span> scan(String text, boolean birthContext) {
        Map<String, List<Span>> memo = birthContext ? scannedAsBirthDate : scanned;
        List<Span> spans = memo.get(text);
        if (spans == null) {
            spans = detect(text, birthContext);
            memo.put(text, spans);
        }
        return spans;
    }

    private List<Span> detect(String text, boolean birthContext) {
        List<Span> found = new ArrayList<>();
        boolean knownClean = !birthContext && cleanTexts.contains(text);
        if (!knownClean) detectAlone(text, birthContext, found);
        if (!birthContext && found.isEmpty() && !knownClean && (namelessTexts.contains(text) || !config.isEnabled(Detector.PERSON_NAME))) {
            cleanTexts.add(text);
        }
        if (config.isEnabled(Detector.PERSON_NAME)) {
            names.find(text, found);
        }
        return Overlaps.resolve(found);
    }

    /** The detectors that need nothing but the text (every one but the session's names). */
    private void detectAlone(String text, boolean birthContext, List<Span> found) {
        Clues clues = Clues.of(text);
        if (config.isEnabled(Detector.EMAIL)) {
            TextPatterns.emails(text, clues, found);
        }
        if (config.isEnabled(Detector.IBAN)) {
            TextPatterns.ibans(text, clues, found);
        }
        if (config.isEnabled(Detector.CARD)) {
            TextPatterns.cards(text, clues, found);
        }
        if (config.isEnabled(Detector.NATIONAL_ID)) {
            TextPatterns.nationalIds(text, clues, found);
        }
        if (config.isEnabled(Detector.IP)) {
            TextPatterns.ips(text, clues, found);
        }
        if (config.isEnabled(Detector.BIRTH_DATE)) {
            BirthDates.find(text, clues, birthContext, found);
        }
        if (config.isEnabled(Detector.PHONE)) {
            Phones.find(text, clues, region, phoneWindows, found);
        }
        if (config.isEnabled(Detector.STREET_ADDRESS)) {
            StreetAddresses.find(text, clues, found);
        }
    }
}
