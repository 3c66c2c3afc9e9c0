package dev.trajforge.collector.anonymize;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Anonymizer#anonymize} call: names gathered over the whole session first, then every string
 * of every message rewritten (text as text, JSON value by value), one pseudonym per value throughout.
 */
final class Session {
    private final AnonymizerConfig config;
    private final String region;
    private final Pseudonyms pseudonyms;
    private final PersonNames names = new PersonNames();

    Session(AnonymizerConfig config, byte[] key, String region) {
        this.config = config;
        this.region = region;
        this.pseudonyms = new Pseudonyms(key);
    }

    Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    List<Message> run(List<Message> messages) {
        if (config.isEnabled(Detector.PERSON_NAME)) {
            for (Message m : messages) {
                names.collect(m.content());
                names.collect(m.reasoning());
                for (ToolCall c : m.toolCalls()) {
                    names.collect(c.argumentsJson());
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

    private String rewrite(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        var json = JsonTrees.parse(s);
        return json != null ? JsonTrees.rewrite(s, json, this::rewriteValue) : rewriteText(s);
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

    /** Every enabled detector over one string, overlaps resolved. */
    private List<Span> scan(String text, boolean birthContext) {
        List<Span> found = new ArrayList<>();
        if (config.isEnabled(Detector.EMAIL)) {
            TextPatterns.emails(text, found);
        }
        if (config.isEnabled(Detector.IBAN)) {
            TextPatterns.ibans(text, found);
        }
        if (config.isEnabled(Detector.CARD)) {
            TextPatterns.cards(text, found);
        }
        if (config.isEnabled(Detector.NATIONAL_ID)) {
            TextPatterns.nationalIds(text, found);
        }
        if (config.isEnabled(Detector.IP)) {
            TextPatterns.ips(text, found);
        }
        if (config.isEnabled(Detector.BIRTH_DATE)) {
            BirthDates.find(text, birthContext, found);
        }
        if (config.isEnabled(Detector.PHONE)) {
            Phones.find(text, region, found);
        }
        if (config.isEnabled(Detector.STREET_ADDRESS)) {
            StreetAddresses.find(text, found);
        }
        if (config.isEnabled(Detector.PERSON_NAME)) {
            names.find(text, found);
        }
        return Overlaps.resolve(found);
    }
}
