package dev.trajforge.collector.anonymize;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Street addresses in US/UK, French, German and Spanish/Italian notation: a number and a street, not the city. */
final class StreetAddresses {
    private static final Pattern US = Pattern.compile("(?<![\\w#$.,-])\\d{1,6}[A-Za-z]?(?: [NSEW]\\.?)?"
            + "(?: [A-Z][A-Za-z'.-]*| \\d{1,3}(?:st|nd|rd|th)){1,4} (?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way"
            + "|Place|Terrace|Circle|Parkway|Highway|Square)\\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq)\\b\\.?)"
            + "(?:,? (?:Apt|Apartment|Suite|Ste|Unit|#)\\.? ?[A-Za-z0-9-]+)?");
    private static final Pattern FR = Pattern.compile("(?<![\\w#$.,-])\\d{1,4}(?: ?(?:bis|ter))?,? "
            + "(?i:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai) "
            + "(?:(?i:de|du|des|la|le|l'|d')\\s*)*\\p{Lu}[\\p{L}'-]+(?: \\p{Lu}[\\p{L}'-]+){0,3}");
    private static final Pattern DE = Pattern.compile(
            "(?<![\\w-])\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|platz|allee|gasse)\\s\\d{1,4}[a-z]?(?![\\w])");
    private static final Pattern SOUTH = Pattern.compile("(?<![\\w-])(?:Calle|Avenida|Avda\\.|Via|Viale|Piazza|Corso)"
            + " \\p{Lu}[\\p{L}'-]+(?: (?:de|del|la|di|della)?\\s?\\p{Lu}[\\p{L}'-]+){0,3},? \\d{1,4}(?!\\d)");
    private static final List<Pattern> ALL = List.of(US, FR, DE, SOUTH);
    /** Literals one of which each DE, or each SOUTH, address has: a cheap test before the pattern. */
    private static final List<String> DE_SUFFIXES = List.of("straße", "strasse", "str.", "weg", "platz", "allee", "gasse");
    private static final List<String> SOUTH_WORDS = List.of("Calle", "Avenida", "Avda.", "Via", "Piazza", "Corso");
    private static final Pattern FINAL_PERIOD = Pattern.compile("\\.$");

    private StreetAddresses() {}

    static void find(String text, Clues clues, List<Span> out) {
        if (clues.digits() == 0) { // every notation has a house number
            return;
        }
        for (Pattern p : ALL) {
            if ((p == DE && !containsAny(text, DE_SUFFIXES)) || (p == SOUTH && !containsAny(text, SOUTH_WORDS))) {
                continue;
            }
            Matcher m = p.matcher(text);
            while (m.find()) {
                String v = m.group();
                // "Main St." at the end of a sentence and "Main St" elsewhere draw the same fake
                String normalized = FINAL_PERIOD.matcher(Pseudonyms.normalize(v)).replaceAll("");
                out.add(new Span(m.start(), m.end(), Detector.STREET_ADDRESS, v, normalized, d -> Fakes.address(v, d)));
            }
        }
    }

    private static boolean containsAny(String text, List<String> literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** A value under an address key, whatever its notation. */
    static Span whole(String value) {
        return Span.whole(value, Detector.STREET_ADDRESS, Pseudonyms.normalize(value), d -> Fakes.address(value, d));
    }
}
