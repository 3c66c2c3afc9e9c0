package dev.trajforge.collector.anonymize;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.IBANCheckDigit;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/** Format-preserving fakes, each drawn from the value's {@link Draw}. */
final class Fakes {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
            "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me",
            "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "orange.fr", "free.fr", "libero.it");
    private static final List<String> STREETS = List.of("Maple", "Oak", "Cedar", "Elm", "Pine", "Willow", "Lake",
            "Hill", "Park", "Main", "Church", "Mill", "River", "Sunset", "Highland", "Meadow", "Forest", "Spring",
            "Valley", "Ridge", "Harbor", "Orchard", "Chestnut", "Birch", "Aspen", "Linden", "Juniper", "Laurel");
    static final Set<String> ADDRESS_WORDS = Set.copyOf(List.of("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd",
            "lane", "ln", "drive", "dr", "court", "ct", "way", "place", "pl", "terrace", "ter", "circle", "cir",
            "parkway", "pkwy", "highway", "hwy", "square", "sq", "apt", "apartment", "suite", "ste", "unit", "floor",
            "fl", "rue", "av", "bd", "chemin", "allée", "impasse", "quai", "de", "du", "des", "la", "le", "l", "d",
            "calle", "avenida", "avda", "via", "viale", "piazza", "corso", "bis", "ter", "n", "s", "e", "w", "ne",
            "nw", "se", "sw", "po", "box", "building", "bldg"));
    private static final Pattern GERMAN_SUFFIX = Pattern.compile("(?i)(.+?)(straße|strasse|str\\.|weg|platz|allee|gasse|ring)$");
    private static final Pattern ADDRESS_TOKEN = Pattern.compile("[\\p{L}'.]+|\\d+");

    private Fakes() {}

    static String email(String normalized, Draw draw) {
        String domain = normalized.substring(normalized.indexOf('@') + 1);
        String fakeDomain = FREE_MAIL.contains(domain) ? "example.com"
                : domain.endsWith(".edu") || domain.contains(".ac.") ? "example.edu" : "example.org";
        return "user_" + draw.hex(10) + "@" + fakeDomain;
    }

    /** Same length and grouping, the first digit (card network) kept, a valid Luhn check digit. */
    static String card(String original, String digits, Draw draw) {
        StringBuilder body = new StringBuilder().append(digits.charAt(0));
        for (int i = 1; i < digits.length() - 1; i++) {
            body.append(draw.digit());
        }
        try {
            String fake = body + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(body.toString());
            return regroup(original, fake);
        } catch (CheckDigitException e) {
            throw new IllegalStateException("Luhn check digit of a digit string", e);
        }
    }

    /** Same country, length and character classes; new check digits; valid for its country. */
    static String iban(String original, String compact, Draw draw) {
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder bban = new StringBuilder();
            for (char c : compact.substring(4).toCharArray()) {
                bban.append(Character.isDigit(c) ? draw.digit() : draw.upper());
            }
            try {
                String check = IBANCheckDigit.IBAN_CHECK_DIGIT.calculate(compact.substring(0, 2) + "00" + bban);
                String fake = compact.substring(0, 2) + check + bban;
                if (IBANValidator.getInstance().isValid(fake) && !fake.equals(compact)) {
                    return regroup(original, fake);
                }
            } catch (CheckDigitException e) {
                // redraw
            }
        }
        throw new IllegalStateException("no valid fake IBAN for country " + compact.substring(0, 2));
    }

    /** The fake's characters laid over the original's separators (spaces, dashes). */
    static String regroup(String original, String compactFake) {
        StringBuilder sb = new StringBuilder(original.length());
        int i = 0;
        for (char c : original.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && i < compactFake.length() ? compactFake.charAt(i++) : c);
        }
        sb.append(compactFake, i, compactFake.length());
        return sb.toString();
    }

    /**
     * A valid number of the same region and type: the region's example number with all but its leading
     * digits redrawn, written in the original's style (international or national, its punctuation).
     */
    static String phone(String raw, PhoneNumber number, Draw draw) {
        String region = PHONES.getRegionCodeForNumber(number);
        PhoneNumberType type = PHONES.getNumberType(number);
        PhoneNumber example = region == null ? null : PHONES.getExampleNumberForType(region, type);
        if (example == null && region != null) {
            example = PHONES.getExampleNumber(region);
        }
        if (example == null) {
            example = number;
        }
        String nsn = PHONES.getNationalSignificantNumber(example);
        int keep = Math.min(3, Math.max(0, nsn.length() - 4));
        PhoneNumber fake = example;
        for (int attempt = 0; attempt < 200; attempt++) {
            StringBuilder sb = new StringBuilder(nsn.substring(0, keep));
            for (int i = keep; i < nsn.length(); i++) {
                sb.append(draw.digit());
            }
            PhoneNumber candidate = new PhoneNumber().setCountryCode(example.getCountryCode())
                    .setNationalNumber(Long.parseLong(sb.toString()));
            if (sb.charAt(0) != '0' && PHONES.isValidNumber(candidate) && !PHONES.isNumberMatch(candidate, number).equals(
                    PhoneNumberUtil.MatchType.EXACT_MATCH)) {
                fake = candidate;
                break;
            }
        }
        String trimmed = raw.strip();
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String formatted = PHONES.format(fake, international ? PhoneNumberFormat.INTERNATIONAL : PhoneNumberFormat.NATIONAL);
        if (trimmed.startsWith("00")) {
            formatted = "00" + formatted.substring(1);
        }
        String fakeDigits = formatted.replaceAll("\\D", "");
        if (fakeDigits.length() == raw.replaceAll("\\D", "").length()) {
            StringBuilder sb = new StringBuilder(raw.length());
            int i = 0;
            for (char c : raw.toCharArray()) {
                sb.append(Character.isDigit(c) ? fakeDigits.charAt(i++) : c);
            }
            return sb.toString();
        }
        return formatted;
    }

    static String ipv4(String ip, Draw draw) {
        String[] o = ip.split("\\.");
        int a = Integer.parseInt(o[0]);
        int b = Integer.parseInt(o[1]);
        int first;
        int second;
        if (a == 10) {
            first = 10;
            second = draw.nextInt(256);
        } else if (a == 192 && b == 168) {
            first = 192;
            second = 168;
        } else if (a == 172 && b >= 16 && b <= 31) {
            first = 172;
            second = 16 + draw.nextInt(16);
        } else {
            do {
                first = 11 + draw.nextInt(213);
            } while (first == 127 || first == 172 || first == 192 || first == 169 || first == 100);
            second = draw.nextInt(256);
        }
        String fake = first + "." + second + "." + draw.nextInt(256) + "." + (1 + draw.nextInt(254));
        return fake.equals(ip) ? ipv4(ip + ".", draw) : fake;
    }

    /** In the documentation prefix 2001:db8::/32, so it can never be someone's address. */
    static String ipv6(String original, Draw draw) {
        StringBuilder sb = new StringBuilder("2001:db8");
        for (int i = 0; i < 6; i++) {
            sb.append(':').append(Integer.toHexString(draw.nextInt(0x10000)));
        }
        String fake = sb.toString();
        return original.chars().anyMatch(Character::isUpperCase) ? fake.toUpperCase(Locale.ROOT) : fake;
    }

    /** Shifted by 1 to 730 days either way, written with the original's pattern. */
    static String date(LocalDate date, DateTimeFormatter format, Draw draw) {
        int days = 1 + draw.nextInt(730);
        return format.format(draw.nextInt(2) == 0 ? date.minusDays(days) : date.plusDays(days));
    }

    /**
     * Street words drawn from a list, numbers redrawn with their length, address vocabulary (St, rue,
     * Apt, ...) kept, so "763 Broadway" and "12 rue de la Paix" keep their shape.
     */
    static String address(String original, Draw draw) {
        Matcher m = ADDRESS_TOKEN.matcher(original);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(original, last, m.start());
            String token = m.group();
            String bare = token.replace(".", "").toLowerCase(Locale.ROOT);
            if (Character.isDigit(token.charAt(0))) {
                sb.append((char) ('1' + draw.nextInt(9)));
                for (int i = 1; i < token.length(); i++) {
                    sb.append(draw.digit());
                }
            } else if (ADDRESS_WORDS.contains(bare) || ADDRESS_WORDS.contains(bare.replace("'", ""))) {
                sb.append(token);
            } else {
                Matcher german = GERMAN_SUFFIX.matcher(token);
                String street = STREETS.get(draw.nextInt(STREETS.size()));
                sb.append(german.matches() && german.group(1).length() > 1
                        ? street + german.group(2)
                        : Names.applyCase(token, street));
            }
            last = m.end();
        }
        sb.append(original.substring(last));
        return sb.toString();
    }

    static String name(String token, boolean last, Draw draw) {
        List<String> pool = last ? Names.LAST : Names.FIRST;
        String fake = pool.get(draw.nextInt(pool.size()));
        if (fake.equalsIgnoreCase(token)) {
            fake = pool.get(draw.nextInt(pool.size()));
        }
        return Names.applyCase(token, fake);
    }

    /** Letters to letters, digits to digits, separators kept: for an id under a national-id key. */
    static String redraw(String original, Draw draw) {
        StringBuilder sb = new StringBuilder(original.length());
        for (char c : original.toCharArray()) {
            if (Character.isDigit(c)) {
                sb.append(draw.digit());
            } else if (Character.isLetter(c)) {
                char u = draw.upper();
                sb.append(Character.isLowerCase(c) ? Character.toLowerCase(u) : u);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** For --dry-run review: the first character of each word kept, the rest hidden ("j***@e******.com"). */
    static String mask(String value) {
        int at = value.indexOf('@');
        if (at > 0) {
            String domain = value.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            String tld = dot >= 0 ? domain.substring(dot) : "";
            String host = dot >= 0 ? domain.substring(0, dot) : domain;
            return value.charAt(0) + "***@" + (host.isEmpty() ? "" : host.charAt(0) + "***") + tld;
        }
        StringBuilder sb = new StringBuilder(value.length());
        boolean shown = false;
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(shown ? '*' : c);
                shown = true;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
