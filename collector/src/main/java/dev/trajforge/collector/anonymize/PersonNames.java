package dev.trajforge.collector.anonymize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The person names of one session, in two passes: {@link #collect} and {@link #collectText} gather name tokens from structure
 * (name keys, a person's {@code name}) and from how people greet, sign and introduce themselves; then
 * {@link #find} replaces every token wherever it appears. Not thread-safe: one per session.
 */
final class PersonNames {
    private static final String NAME_WORD = "\\p{Lu}\\p{Ll}+(?:['-]\\p{Lu}?\\p{Ll}+)?";
    private static final String NAME = "(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.? )?(" + NAME_WORD + "(?: " + NAME_WORD + "){0,2})";
    private static final Pattern GREETING = Pattern.compile(
            "(?:^|[.!?\\n]\\s*)(?:Hi|Hello|Hey|Dear|Good (?:morning|afternoon|evening))[,]? " + NAME + "\\s*[,!.:\\n]");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)(?:Thanks|Thank you|Many thanks|Regards|Best regards"
            + "|Kind regards|Best wishes|Best|Cheers|Sincerely)[,!.]?[ \\t]*(?:\\r?\\n[ \\t]*)?(?:[-—–]+[ \\t]*)?"
            + NAME + "[ \\t]*[.!]?[ \\t]*$");
    private static final Pattern INTRODUCTION = Pattern.compile("(?:[Mm]y name is|[Mm]y name's|[Nn]ame:|[Nn]ame is) " + NAME);
    private static final Pattern SELF = Pattern.compile("(?:I'm|I am|[Tt]his is|[Ii]t's) " + NAME);
    private static final Pattern FULL_NAME = Pattern.compile("(?<!\\p{L})(" + NAME_WORD + ") (" + NAME_WORD + ")(?!\\p{L})");
    /** Literals one of which every match of the pattern contains: a cheap test before it runs. */
    private static final Map<Pattern, List<String>> CUES = Map.of(
            GREETING, List.of("Hi", "He", "Dear", "Good "),
            SIGNATURE, List.of("Thank", "thanks", "egards", "Best", "Cheers", "Sincerely"),
            INTRODUCTION, List.of("ame"),
            SELF, List.of("I'm", "I am", "his is", "t's"));
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^\\p{L}'-]");

    /** Objects under these keys hold a person; their {@code name} is a person's name. */
    private static final Set<String> PERSON_KEYS = Set.of("user", "customer", "person", "contact", "recipient",
            "sender", "profile", "account_holder", "cardholder", "passenger", "guest", "patient", "employee", "author",
            "owner", "from", "to", "billing", "shipping", "user_details", "customer_details");
    private static final Set<String> PERSON_SIBLINGS = Set.of("email", "phone", "phone_number", "address", "dob",
            "date_of_birth", "user_id", "customer_id", "first_name", "last_name", "birth_date", "payment_methods");

    /** Name tokens found (lower case) and whether each is a family name. */
    private final Map<String, Boolean> tokens = new LinkedHashMap<>();
    private Pattern pattern;

    /** Pass 1, over a JSON object or array: by its keys, and its other strings as text. */
    void collect(JsonNode json) {
        collect(json, null, false);
    }

    /** Pass 2, over one string: every collected token, as a whole word. */
    void find(String text, List<Span> out) {
        if (tokens.isEmpty()) {
            return;
        }
        if (pattern == null) {
            pattern = compile(); // once, after pass 1 has seen the whole session
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String v = m.group();
            String lower = v.toLowerCase(Locale.ROOT);
            boolean last = tokens.getOrDefault(lower, false);
            out.add(new Span(m.start(), m.end(), Detector.PERSON_NAME, v, (last ? "last:" : "first:") + lower,
                    d -> Fakes.name(v, last, d)));
        }
    }

    private void collect(JsonNode node, String key, boolean person) {
        if (node.isObject()) {
            boolean personHere = person || (key != null && PERSON_KEYS.contains(key))
                    || PERSON_SIBLINGS.stream().anyMatch(node::has);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = PersonalKeys.normalize(e.getKey());
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    if (PersonalKeys.detectorOf(k) == Detector.PERSON_NAME) {
                        add(v.asText(), k.contains("last") || k.contains("family") || k.equals("surname"));
                    } else if (k.equals("name") && (personHere || looksLikePerson(v.asText()))) {
                        add(v.asText(), false);
                    } else {
                        collectText(v.asText());
                    }
                } else {
                    // a person's own "name" object holds their name; their orders and items are not them
                    collect(v, k, k.equals("name"));
                }
            }
        } else if (node.isArray()) {
            for (JsonNode v : node) {
                collect(v, key, person);
            }
        }
    }

    private static boolean looksLikePerson(String value) {
        Matcher m = FULL_NAME.matcher(value.strip());
        return m.matches() && Names.isFirst(m.group(1));
    }

    /** Pass 1, over text: by how people greet, sign and introduce themselves, and known first names before a word. */
    /** How many name tokens have been gathered so far. */
    int size() {
        return tokens.size();
    }

    void collectText(String text) {
        for (Pattern p : List.of(GREETING, SIGNATURE, INTRODUCTION, SELF)) {
            if (cued(p, text)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    addIfPlausible(m.group(1), p == SELF);
                }
            }
        }
        if (text.indexOf(' ') < 0 || !twoCapitals(text)) { // a full name is two capitalized words
            return;
        }
        Matcher m = FULL_NAME.matcher(text);
        while (m.find()) {
            String second = m.group(2).toLowerCase(Locale.ROOT);
            if (Names.isFirst(m.group(1)) && !Names.STOP.contains(second)
                    && (Names.isLast(m.group(2)) || !Fakes.ADDRESS_WORDS.contains(second))) {
                add(m.group(), false);
            }
        }
    }

    private static boolean twoCapitals(String text) {
        int capitals = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isUpperCase(cp) && ++capitals == 2) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static boolean cued(Pattern p, String text) {
        for (String cue : CUES.get(p)) {
            if (text.contains(cue)) {
                return true;
            }
        }
        return false;
    }

    private void addIfPlausible(String name, boolean needKnownFirst) {
        List<String> kept = new ArrayList<>();
        for (String t : name.split(" ")) {
            if (Names.STOP.contains(t.toLowerCase(Locale.ROOT))) {
                break;
            }
            kept.add(t);
        }
        if (kept.isEmpty() || (needKnownFirst && !Names.isFirst(kept.get(0)))) {
            return;
        }
        add(String.join(" ", kept), false);
    }

    private void add(String value, boolean family) {
        String[] words = TOKEN_SEPARATORS.split(value.strip());
        for (int i = 0; i < words.length; i++) {
            String t = NOT_NAME_CHARACTER.matcher(words[i]).replaceAll("");
            if (t.length() < 2 || Names.STOP.contains(t.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean last = family || (words.length > 1 && i == words.length - 1);
            if (Names.isFirst(t)) {
                last = false;
            } else if (Names.isLast(t)) {
                last = true;
            }
            tokens.putIfAbsent(t.toLowerCase(Locale.ROOT), last);
        }
    }

    private Pattern compile() {
        String alternatives = tokens.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(t -> Names.COMMON_WORDS.contains(t) || t.length() < 3
                        ? Pattern.quote(Character.toUpperCase(t.charAt(0)) + t.substring(1))
                        : "(?iu:" + Pattern.quote(t) + ")")
                .collect(Collectors.joining("|"));
        return Pattern.compile("(?<!\\p{L})(?:" + alternatives + ")(?!\\p{L})");
    }
}
