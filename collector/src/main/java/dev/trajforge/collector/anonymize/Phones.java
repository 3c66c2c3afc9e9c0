package dev.trajforge.collector.anonymize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.regex.Pattern;

/** Phone numbers, as libphonenumber finds and validates them; numbers without a country code are read in one region. */
final class Phones {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

    private Phones() {}

    static boolean isRegion(String region) {
        return PHONES.getSupportedRegions().contains(region);
    }

    /** Every valid number in {@code text}. */
    static void find(String text, String region, List<Span> out) {
        for (PhoneNumberMatch pm : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            String v = pm.rawString();
            PhoneNumber n = pm.number();
            out.add(new Span(pm.start(), pm.end(), Detector.PHONE, v, PHONES.format(n, PhoneNumberFormat.E164),
                    d -> Fakes.phone(v, n, d)));
        }
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
