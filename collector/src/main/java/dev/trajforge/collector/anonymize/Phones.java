package dev.trajforge.collector.anonymize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Phone numbers, as libphonenumber finds and validates them; numbers without a country code are read in one region. */
final class Phones {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");
    /** The fewest digits of a possible number written with its country code, over every code libphonenumber knows. */
    private static final int FEWEST_INTERNATIONAL = fewestInternational();
    private static final Map<String, Integer> FEWEST = new ConcurrentHashMap<>();

    private Phones() {}

    static boolean isRegion(String region) {
        return PHONES.getSupportedRegions().contains(region);
    }

    /** Characters that join the digits of one written number: spaces, brackets, dots, dashes, slashes, a plus. */
    private static final String JOINERS = " \t\u00a0().-/+";
    /** After a run of digits, room for an extension libphonenumber reads ("ext. 1234", " x 12"). */
    private static final int TAIL = 16;

    /**
     * Every valid number in {@code text}; none where it has fewer digits than the shortest possible number.
     * libphonenumber's matcher is handed only the windows that can hold a number: each run of digits and
     * the characters that join them, with at least that many digits, plus the character before it (the
     * matcher looks at it) and room for an extension after. A long text with few such runs costs one scan
     * instead of the matcher's pattern at every position.
     */
    static void find(String text, Clues clues, String region, PhoneWindows searched, List<Span> out) {
        int fewest = fewestDigits(region);
        if (clues.digits() < fewest) {
            return;
        }
        int windowEnd = -1;
        int windowStart = -1;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isDigit(text.charAt(i)) && text.charAt(i) != '+' && text.charAt(i) != '(') {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || JOINERS.indexOf(text.charAt(i)) >= 0)) {
                if (Character.isDigit(text.charAt(i))) digits++;
                i++;
            }
            if (i == start) i++;
            if (digits < fewest) continue;
            int from = Math.max(0, start - 1);
            int to = Math.min(text.length(), i + TAIL);
            if (windowEnd >= from) {
                windowEnd = to; // overlaps the window so far: one window
            } else {
                search(text, windowStart, windowEnd, region, searched, out);
                windowStart = from;
                windowEnd = to;
            }
        }
        search(text, windowStart, windowEnd, region, searched, out);
    }

    private static void search(String text, int from, int to, String region, PhoneWindows searched, List<Span> out) {
        if (from < 0) return;
        String window = text.substring(from, to);
        for (Found found : searched.matches(window, region)) {
            String v = found.raw();
            PhoneNumber n = found.number();
            out.add(new Span(from + found.start(), from + found.end(), Detector.PHONE, v, found.e164(), d -> Fakes.phone(v, n, d)));
        }
    }

    /** One number libphonenumber found in a window: where, as written, parsed, and in E.164. */
    record Found(int start, int end, String raw, PhoneNumber number, String e164) {
    }

    /** The valid numbers libphonenumber finds in {@code window} read in {@code region}. */
    static List<Found> matches(String window, String region) {
        List<Found> found = new java.util.ArrayList<>(1);
        for (PhoneNumberMatch pm : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            found.add(new Found(pm.start(), pm.end(), pm.rawString(), pm.number(), PHONES.format(pm.number(), PhoneNumberFormat.E164)));
        }
        return List.copyOf(found);
    }

    /**
     * The fewest digits a number found in text read in {@code region} can have: the region's own shortest
     * possible national number (local-only lengths included), or any country's shortest with its code.
     * A lower bound from libphonenumber's own length metadata, so the test skips no valid number.
     */
    static int fewestDigits(String region) {
        return FEWEST.computeIfAbsent(region,
                r -> Math.min(shortestNational(PHONES.getCountryCodeForRegion(r)), FEWEST_INTERNATIONAL));
    }

    private static int fewestInternational() {
        Set<Integer> codes = new HashSet<>(PHONES.getSupportedGlobalNetworkCallingCodes());
        for (String region : PHONES.getSupportedRegions()) {
            codes.add(PHONES.getCountryCodeForRegion(region));
        }
        int fewest = Integer.MAX_VALUE;
        for (int code : codes) {
            fewest = Math.min(fewest, String.valueOf(code).length() + shortestNational(code));
        }
        return fewest;
    }

    /** The shortest national number length that libphonenumber does not call too short for {@code countryCode}. */
    private static int shortestNational(int countryCode) {
        for (int length = 1; length < 17; length++) {
            PhoneNumber n = new PhoneNumber().setCountryCode(countryCode)
                    .setNationalNumber(Long.parseLong("2" + "0".repeat(length - 1)));
            if (PHONES.isPossibleNumberWithReason(n) != PhoneNumberUtil.ValidationResult.TOO_SHORT) {
                return length;
            }
        }
        return 1;
    }

    /**
     * A value under a phone key: the whole number if it parses as a possible one, else its digits redrawn;
     * null when it has no digit at all.
     */
    static Span whole(String value, String region) {
        try {
            PhoneNumber n = PHONES.parse(value, region);
            if (PHONES.isPossibleNumber(n)) {
                return Span.whole(value, Detector.PHONE, PHONES.format(n, PhoneNumberFormat.E164),
                        d -> Fakes.phone(value, n, d));
            }
        } catch (NumberParseException e) {
            // not a number at all: fall through to redraw its digits
        }
        return value.chars().anyMatch(Character::isDigit)
                ? Span.whole(value, Detector.PHONE, NOT_DIGIT.matcher(value).replaceAll(""), d -> Fakes.redraw(value, d))
                : null;
    }
}
