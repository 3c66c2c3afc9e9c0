package dev.trajforge.collector.anonymize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * The values with a shape of their own, found by pattern and kept only when their check holds: emails,
 * IBANs (mod 97), cards (Luhn), national ids ({@link NationalIds}) and IPv4/IPv6 addresses.
 */
final class TextPatterns {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+%-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])[2-6]\\d(?:[ -]?\\d){11,17}(?!\\d)");
    private static final Pattern CARD_SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\d|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

    private TextPatterns() {}

    static void emails(String text, Clues clues, List<Span> out) {
        if (!clues.at()) {
            return;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            String v = m.group();
            String lower = v.toLowerCase(Locale.ROOT);
            out.add(new Span(m.start(), m.end(), Detector.EMAIL, v, lower, d -> Fakes.email(lower, d)));
        }
    }

    /** The longest prefix of each candidate, cut at a space, that passes the IBAN check. */
    static void ibans(String text, Clues clues, List<Span> out) {
        if (clues.digits() < 2 || clues.uppers() < 2) { // a country code and check digits at least
            return;
        }
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            String v = m.group();
            while (true) {
                String compact = v.replace(" ", "");
                if (IBANValidator.getInstance().isValid(compact)) {
                    String original = v;
                    out.add(new Span(m.start(), m.start() + v.length(), Detector.IBAN, v, compact,
                            d -> Fakes.iban(original, compact, d)));
                    break;
                }
                int space = v.lastIndexOf(' ');
                if (space < 0) {
                    break;
                }
                v = v.substring(0, space);
            }
        }
    }

    /** The longest Luhn-valid prefix of 13 to 19 digits of each candidate that ends on a digit. */
    static void cards(String text, Clues clues, List<Span> out) {
        if (clues.digits() < 13) {
            return;
        }
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String v = m.group();
            for (int end = v.length(); end > 0; end--) {
                String candidate = v.substring(0, end);
                String digits = CARD_SEPARATORS.matcher(candidate).replaceAll("");
                if (Character.isDigit(candidate.charAt(end - 1)) && digits.length() >= 13 && digits.length() <= 19
                        && (end == v.length() || !Character.isDigit(v.charAt(end)))
                        && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
                    out.add(new Span(m.start(), m.start() + end, Detector.CARD, candidate, digits,
                            d -> Fakes.card(candidate, digits, d)));
                    break;
                }
            }
        }
    }

    static void nationalIds(String text, Clues clues, List<Span> out) {
        if (clues.digits() < 6) { // the fewest of any kind: a NINO's six
            return;
        }
        List<NationalIds.Found> ids = new ArrayList<>();
        NationalIds.find(text, clues.digits(), ids);
        for (NationalIds.Found f : ids) {
            String v = text.substring(f.start(), f.end());
            String normalized = f.kind() + ":" + NOT_ALPHANUMERIC.matcher(v).replaceAll("").toUpperCase(Locale.ROOT);
            out.add(new Span(f.start(), f.end(), Detector.NATIONAL_ID, v, normalized, d -> NationalIds.fake(f.kind(), v, d)));
        }
    }

    static void ips(String text, Clues clues, List<Span> out) {
        if (clues.digits() >= 4 && clues.dots() >= 3) {
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                String v = m.group();
                out.add(new Span(m.start(), m.end(), Detector.IP, v, v, d -> Fakes.ipv4(v, d)));
            }
        }
        if (clues.colons() < 2) {
            return;
        }
        Matcher m = IPV6.matcher(text);
        while (m.find()) {
            String v = m.group();
            if (v.replace(":", "").length() >= 4 && v.split(":+").length >= 3
                    && InetAddressValidator.getInstance().isValidInet6Address(v)) {
                out.add(new Span(m.start(), m.end(), Detector.IP, v, v.toLowerCase(Locale.ROOT), d -> Fakes.ipv6(v, d)));
            }
        }
    }
}
