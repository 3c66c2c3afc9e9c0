package dev.trajforge.collector.anonymize;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identity numbers: US SSN, UK NINO, ES DNI/NIE, IT codice fiscale, FR NIR. Each is found by
 * its shape and kept only when its ranges or check character hold; its fake has the same shape and a
 * valid check character, so a validator downstream accepts it.
 */
final class NationalIds {
    private NationalIds() {}

    enum Kind { SSN, NINO, DNI, NIE, CF, NIR }

    record Found(Kind kind, int start, int end) {}

    private static final Pattern SSN = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-])");
    private static final Pattern NINO = Pattern.compile(
            "(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])(?![A-Za-z0-9])");
    private static final Set<String> NINO_BAD_PREFIX = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");
    private static final Pattern DNI = Pattern.compile("(?<![A-Za-z0-9])(\\d{8})-?([A-Z])(?![A-Za-z0-9])");
    private static final Pattern NIE = Pattern.compile("(?<![A-Za-z0-9])([XYZ])-?(\\d{7})-?([A-Z])(?![A-Za-z0-9])");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final Pattern CF = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{6}\\d{2}[ABCDEHLMPRST]\\d{2}[A-Z]\\d{3}[A-Z](?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
    private static final Pattern NIR = Pattern.compile(
            "(?<![A-Za-z0-9])([12]) ?(\\d{2}) ?(0[1-9]|1[0-2]|[2-9]\\d) ?(\\d{2}|2[AB]) ?(\\d{3}) ?(\\d{3}) ?(\\d{2})(?![A-Za-z0-9])");

    /** Every id in {@code text}, which has {@code digits} digits: a kind needing more is not looked for. */
    static void find(String text, int digits, List<Found> out) {
        Matcher m;
        if (digits >= 9 && text.indexOf('-') >= 0) {
            m = SSN.matcher(text);
            while (m.find()) {
                if (validSsn(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))) {
                    out.add(new Found(Kind.SSN, m.start(), m.end()));
                }
            }
        }
        if (digits >= 6) {
            m = NINO.matcher(text);
            while (m.find()) {
                if (!NINO_BAD_PREFIX.contains(m.group(1))) {
                    out.add(new Found(Kind.NINO, m.start(), m.end()));
                }
            }
        }
        if (digits >= 8) {
            m = DNI.matcher(text);
            while (m.find()) {
                if (DNI_LETTERS.charAt(Integer.parseInt(m.group(1)) % 23) == m.group(2).charAt(0)) {
                    out.add(new Found(Kind.DNI, m.start(), m.end()));
                }
            }
        }
        if (digits >= 7) {
            m = NIE.matcher(text);
            while (m.find()) {
                int n = Integer.parseInt("XYZ".indexOf(m.group(1)) + m.group(2));
                if (DNI_LETTERS.charAt(n % 23) == m.group(3).charAt(0)) {
                    out.add(new Found(Kind.NIE, m.start(), m.end()));
                }
            }
            m = CF.matcher(text);
            while (m.find()) {
                String cf = m.group().toUpperCase();
                if (cfCheck(cf.substring(0, 15)) == cf.charAt(15)) {
                    out.add(new Found(Kind.CF, m.start(), m.end()));
                }
            }
        }
        if (digits < 12) { // a NIR has 13 digits, 12 with Corsica's 2A or 2B
            return;
        }
        m = NIR.matcher(text);
        while (m.find()) {
            String thirteen = m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + m.group(6);
            if (nirKey(thirteen) == Integer.parseInt(m.group(7))) {
                out.add(new Found(Kind.NIR, m.start(), m.end()));
            }
        }
    }

    static boolean validSsn(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** The shape-preserving fake: every digit and letter redrawn, then the ranges and check character fixed. */
    static String fake(Kind kind, String original, Draw draw) {
        return switch (kind) {
            case SSN -> {
                String s;
                do {
                    s = redraw(original, draw, false);
                } while (!validSsn(Integer.parseInt(s.substring(0, 3)), Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(7, 11))) || s.equals(original));
                yield s;
            }
            case NINO -> {
                String prefix;
                do {
                    prefix = "" + pick(draw, "ABCEGHJKLMNOPRSTWXYZ") + pick(draw, "ABCEGHJKLMNPRSTWXYZ");
                } while (NINO_BAD_PREFIX.contains(prefix));
                StringBuilder sb = new StringBuilder();
                int letters = 0;
                for (char c : original.toCharArray()) {
                    if (Character.isDigit(c)) {
                        sb.append(draw.digit());
                    } else if (Character.isLetter(c)) {
                        sb.append(letters < 2 ? prefix.charAt(letters) : pick(draw, "ABCD"));
                        letters++;
                    } else {
                        sb.append(c);
                    }
                }
                yield sb.toString();
            }
            case DNI -> {
                String digits = redrawDigits(8, draw);
                char letter = DNI_LETTERS.charAt(Integer.parseInt(digits) % 23);
                yield digits + (original.contains("-") ? "-" : "") + letter;
            }
            case NIE -> {
                int prefix = draw.nextInt(3);
                String digits = redrawDigits(7, draw);
                char letter = DNI_LETTERS.charAt(Integer.parseInt(prefix + digits) % 23);
                String sep = original.contains("-") ? "-" : "";
                yield "XYZ".charAt(prefix) + sep + digits + sep + letter;
            }
            case CF -> {
                String body = redraw(original.toUpperCase().substring(0, 15), draw, true);
                // month letter and day must stay valid
                char month = pick(draw, "ABCDEHLMPRST");
                int day = 1 + draw.nextInt(28) + (draw.nextInt(2) == 0 ? 0 : 40);
                body = body.substring(0, 8) + month + String.format("%02d", day) + body.substring(11);
                String cf = body + cfCheck(body);
                yield Character.isLowerCase(original.charAt(0)) ? cf.toLowerCase() : cf;
            }
            case NIR -> {
                StringBuilder digits = new StringBuilder();
                digits.append(1 + draw.nextInt(2));
                digits.append(redrawDigits(2, draw));
                digits.append(String.format("%02d", 1 + draw.nextInt(12)));
                digits.append(String.format("%02d", 1 + draw.nextInt(95)));
                digits.append(redrawDigits(6, draw));
                String key = String.format("%02d", nirKey(digits.toString()));
                String all = digits + key;
                // keep the original's spacing
                StringBuilder sb = new StringBuilder();
                int i = 0;
                for (char c : original.toCharArray()) {
                    sb.append(c == ' ' ? ' ' : all.charAt(i++));
                }
                yield sb.toString();
            }
        };
    }

    private static char pick(Draw draw, String alphabet) {
        return alphabet.charAt(draw.nextInt(alphabet.length()));
    }

    private static String redrawDigits(int n, Draw draw) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(draw.digit());
        }
        return sb.toString();
    }

    private static String redraw(String s, Draw draw, boolean letters) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                sb.append(draw.digit());
            } else if (letters && Character.isLetter(c)) {
                sb.append(draw.upper());
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

    /** The codice fiscale's control character over its first 15 characters. */
    static char cfCheck(String first15) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = first15.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += (i % 2 == 0) ? CF_ODD[v] : v;
        }
        return (char) ('A' + sum % 26);
    }

    /** The NIR key: 97 minus the 13-digit number mod 97 (Corsica's 2A/2B count as 19/18). */
    static int nirKey(String thirteen) {
        String s = thirteen.replace("2A", "19").replace("2B", "18");
        if (thirteen.contains("2A") || thirteen.contains("2B")) {
            long n = Long.parseLong(s) - (thirteen.contains("2A") ? 1_000_000 : 2_000_000);
            return (int) (97 - n % 97);
        }
        return (int) (97 - Long.parseLong(s) % 97);
    }
}
