package dev.trajforge.collector.anonymize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.IBANCheckDigit;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.junit.jupiter.api.Test;

/**
 * A corpus generated from a fixed seed: sessions with planted personal values of every detector (in
 * text, tool arguments and tool results) and values that must be kept. Measures per-detector recall
 * (planted values gone) and precision (replaced values that were planted for the same detector), prints
 * them, and holds the issue's acceptance: under 1% of personal values survive, over 99% of the values to
 * keep are kept, one pseudonym per value in its session, and fakes that pass their format's own check.
 */
class PlantedCorpusTest {
    private static final byte[] KEY = "corpus-key-not-a-secret".getBytes(StandardCharsets.UTF_8);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> OUTSIDE_FIRST = List.of("Quentin", "Ottilie", "Bartholomew", "Ines", "Radu", "Wren");
    private static final List<String> OUTSIDE_LAST = List.of("Marlowe", "Okonkwo", "Vasquez-Lund", "Haverford", "Dragomir");
    private static final List<String> PRODUCTS = List.of("Water Bottle", "Desk Lamp", "Wireless Earbuds", "Hiking Boots",
            "Mechanical Keyboard", "T-Shirt", "Coffee Maker", "Yoga Mat");

    record Planted(Detector detector, String value) {}

    record Corpus(List<List<Message>> sessions, List<Planted> planted, List<String> keep) {}

    @Test
    void should_remove_planted_values_keep_the_rest_and_stay_consistent() {
        Corpus corpus = generate(300, new SplittableRandom(14));
        Anonymizer anonymizer = new Anonymizer(AnonymizerConfig.all(), KEY);
        Map<Detector, int[]> recall = new EnumMap<>(Detector.class);   // [planted, survived]
        Map<Detector, int[]> precision = new EnumMap<>(Detector.class); // [found, planted by the same detector]
        int keepTotal = 0;
        int keepLost = 0;
        List<String> problems = new ArrayList<>();
        StringBuilder survivors = new StringBuilder();
        int perSession = corpus.planted().size() / corpus.sessions().size();
        for (int s = 0; s < corpus.sessions().size(); s++) {
            List<Message> session = corpus.sessions().get(s);
            Anonymizer.Result result = anonymizer.anonymize(session, "[]");
            String in = render(session);
            String out = render(result.messages());
            assertFalse(out.contains(new String(KEY, StandardCharsets.UTF_8)));
            List<Planted> planted = corpus.planted().subList(s * perSession, (s + 1) * perSession);
            List<Anonymizer.Finding> findings = anonymizer.findings(session);
            for (Planted p : planted) {
                int[] r = recall.computeIfAbsent(p.detector(), d -> new int[2]);
                r[0]++;
                if (occurrences(out, p.value()) > 0) {
                    r[1]++;
                    survivors.append("survived ").append(p).append('\n');
                }
                // one pseudonym for the value everywhere in the session: as many occurrences of it out as of the value in
                findings.stream().filter(f -> f.original().equals(p.value())).findFirst().ifPresent(f -> {
                    if (occurrences(out, f.pseudonym()) < occurrences(in, p.value())) {
                        problems.add("inconsistent " + p + " -> " + f.pseudonym());
                    }
                });
            }
            for (Anonymizer.Finding f : findings) {
                int[] pr = precision.computeIfAbsent(f.detector(), d -> new int[2]);
                pr[0]++;
                // a true positive is a planted value of the same detector (its case, or a sentence's period, aside)
                String found = f.original().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
                if (planted.stream().anyMatch(p -> p.detector() == f.detector() && p.value().toLowerCase(Locale.ROOT).equals(found))) {
                    pr[1]++;
                } else {
                    survivors.append("false positive ").append(f.detector()).append(": ").append(f.original()).append('\n');
                }
                String problem = formatProblem(f);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            for (String k : corpus.keep().subList(s * 4, s * 4 + 4)) {
                int before = occurrences(in, k);
                int lost = Math.max(0, before - occurrences(out, k));
                keepTotal += before;
                keepLost += lost;
                if (lost > 0) {
                    survivors.append("lost keep-value ").append(k).append('\n');
                }
            }
        }
        int planted = 0;
        int survived = 0;
        StringBuilder table = new StringBuilder("detector        planted  recall  found  precision\n");
        for (Detector d : Detector.values()) {
            int[] r = recall.getOrDefault(d, new int[2]);
            int[] p = precision.getOrDefault(d, new int[2]);
            planted += r[0];
            survived += r[1];
            table.append(String.format(Locale.ROOT, "%-15s %7d  %6.3f  %5d  %9.3f%n", d.wireName(), r[0],
                    r[0] == 0 ? Double.NaN : 1 - (double) r[1] / r[0], p[0], p[0] == 0 ? Double.NaN : (double) p[1] / p[0]));
        }
        table.append(String.format(Locale.ROOT, "all             %7d  %6.3f   keep-values kept: %d/%d%n", planted,
                1 - (double) survived / planted, keepTotal - keepLost, keepTotal));
        System.out.println(table);
        System.out.println(survivors.length() > 4000 ? survivors.substring(0, 4000) : survivors);
        for (Detector d : Detector.values()) {
            assertTrue(recall.containsKey(d), "the corpus plants no " + d);
        }
        for (Map.Entry<Detector, int[]> e : precision.entrySet()) {
            int[] p = e.getValue();
            assertTrue(p[1] >= p[0] * 0.95, "precision of " + e.getKey() + ": " + p[1] + "/" + p[0] + "\n" + table);
        }
        assertTrue(survived < planted * 0.01, "planted values surviving: " + survived + "/" + planted + "\n" + table);
        assertTrue(keepLost < keepTotal * 0.01, "keep-values lost: " + keepLost + "/" + keepTotal + "\n" + table);
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " problems");
    }

    /** How often {@code value} occurs in {@code text} as a whole token (not inside a longer word or number). */
    static int occurrences(String text, String value) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(value) + "(?![\\p{L}\\d])").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Why a fake does not pass its format's own check, or null: Luhn, IBAN checksum, a valid phone of the same region. */
    private static String formatProblem(Anonymizer.Finding f) {
        String fake = f.pseudonym();
        switch (f.detector()) {
            case CARD -> {
                return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(fake.replaceAll("[ -]", "")) ? null : "card fails Luhn: " + fake;
            }
            case IBAN -> {
                return IBANValidator.getInstance().isValid(fake.replace(" ", "")) ? null : "IBAN fails its checksum: " + fake;
            }
            case PHONE -> {
                try {
                    String region = PHONES.getRegionCodeForNumber(PHONES.parse(f.original(), "US"));
                    PhoneNumber parsed = PHONES.parse(fake, "US");
                    return PHONES.isValidNumber(parsed) && region.equals(PHONES.getRegionCodeForNumber(parsed)) ? null
                            : "phone " + f.original() + " (" + region + ") -> " + fake + " ("
                                    + PHONES.getRegionCodeForNumber(parsed) + ")";
                } catch (NumberParseException e) {
                    return "phone does not parse: " + f.original() + " -> " + fake;
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static String render(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(m.content()).append('\n').append(m.reasoning()).append('\n');
            for (ToolCall c : m.toolCalls()) {
                sb.append(c.argumentsJson()).append('\n');
            }
        }
        return sb.toString();
    }

    static Corpus generate(int sessions, SplittableRandom rnd) {
        List<List<Message>> out = new ArrayList<>();
        List<Planted> planted = new ArrayList<>();
        List<String> keep = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            boolean listed = rnd.nextInt(3) != 0;
            String first = listed ? pick(rnd, Names.FIRST) : pick(rnd, OUTSIDE_FIRST);
            String last = listed ? pick(rnd, Names.LAST) : pick(rnd, OUTSIDE_LAST);
            String email = first.toLowerCase() + "." + last.toLowerCase().replace("-", "") + rnd.nextInt(100)
                    + "@" + pick(rnd, List.of("gmail.com", "outlook.com", "acme-corp.com", "uni-wien.ac.at"));
            String phone = phone(rnd);
            String card = card(rnd);
            String iban = iban(rnd);
            String id = nationalId(rnd);
            String ip = rnd.nextInt(4) == 0 ? "2a02:8070:" + Integer.toHexString(rnd.nextInt(0xffff)) + "::1f"
                    : (11 + rnd.nextInt(100)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            int year = 1950 + rnd.nextInt(50);
            String dob = pick(rnd, List.of(
                    String.format("%d-%02d-%02d", year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
                    String.format("%02d/%02d/%d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), year),
                    pick(rnd, List.of("March", "July", "October")) + " " + (1 + rnd.nextInt(28)) + ", " + year));
            String street = pick(rnd, List.of(
                    (1 + rnd.nextInt(9999)) + " " + pick(rnd, List.of("Maple", "Birchwood", "Lincoln", "Kingsley")) + " "
                            + pick(rnd, List.of("Street", "Ave", "Road", "Lane", "Drive")),
                    (1 + rnd.nextInt(120)) + " rue de la " + pick(rnd, List.of("Paix", "Republique", "Fontaine")),
                    pick(rnd, List.of("Haupt", "Linden", "Garten")) + "straße " + (1 + rnd.nextInt(200))));
            String orderId = "#W" + (1_000_000 + rnd.nextInt(9_000_000));
            String amount = "$" + (5 + rnd.nextInt(900)) + "." + String.format("%02d", rnd.nextInt(100));
            String product = pick(rnd, PRODUCTS);
            String date = String.format("2024-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            keep.addAll(List.of(orderId, amount, product, date));
            planted.addAll(List.of(new Planted(Detector.PERSON_NAME, first), new Planted(Detector.PERSON_NAME, last),
                    new Planted(Detector.EMAIL, email), new Planted(Detector.PHONE, phone), new Planted(Detector.CARD, card),
                    new Planted(Detector.IBAN, iban), new Planted(Detector.NATIONAL_ID, id), new Planted(Detector.IP, ip),
                    new Planted(Detector.BIRTH_DATE, dob), new Planted(Detector.STREET_ADDRESS, street)));
            String userText = pick(rnd, List.of("Hello, my name is " + first + " " + last + ". ",
                    "Hi there! I need help with an order. ")) + "My email is " + email + " and my phone is " + phone
                    + ". I was born on " + dob + ". Order " + orderId + " (" + product + ", " + amount + ") placed on "
                    + date + " should go to " + street + ". Refund to card " + card + " or IBAN " + iban
                    + ". My ID is " + id + ". I wrote from " + ip + ".\nThanks, " + first + " " + last;
            String args = "{\"email\": \"" + email + "\", \"order_id\": \"" + orderId + "\"}";
            String name = rnd.nextBoolean()
                    ? "\"name\": {\"first_name\": \"" + first + "\", \"last_name\": \"" + last + "\"}"
                    : "\"name\": \"" + first + " " + last + "\"";
            String result = "{\"user_id\": \"" + first.toLowerCase() + "_" + last.toLowerCase() + "_" + rnd.nextInt(10000)
                    + "\", " + name + ", \"email\": \"" + email + "\", \"" + pick(rnd, List.of("phone", "phone_number"))
                    + "\": \"" + phone + "\", \"" + pick(rnd, List.of("dob", "date_of_birth")) + "\": \"" + dob
                    + "\", \"address\": {\"address1\": \"" + street + "\", \"city\": \"Springfield\", \"zip\": \"19122\"},"
                    + " \"orders\": [{\"order_id\": \"" + orderId + "\", \"items\": [{\"name\": \"" + product
                    + "\", \"price\": " + amount.substring(1) + "}], \"placed\": \"" + date + "\"}]}";
            List<Message> session = new ArrayList<>(List.of(
                    Message.user(userText),
                    Message.assistant(null, "The user is " + first + "; look them up by email.",
                            List.of(new ToolCall("c" + s, "find_user_by_email", args))),
                    Message.tool(new ToolResult("c" + s, "find_user_by_email", result, false)),
                    Message.assistant("Hi " + first + ", I found order " + orderId + " for " + product + " (" + amount
                            + "). I'll refund " + amount + " to the card ending " + card.substring(card.length() - 4) + ".")));
            if (rnd.nextBoolean()) {
                String update = "{\"order_id\": \"" + orderId + "\", \"customer_name\": \"" + first + " " + last
                        + "\", \"address\": \"" + street + "\", \"phone\": \"" + phone + "\"}";
                session.add(Message.user("Please also ship it to " + street + " instead, and call " + phone
                        + " if the courier cannot find it. Best regards, " + first));
                session.add(Message.assistant(null, null, List.of(new ToolCall("u" + s, "modify_pending_order_address", update))));
                session.add(Message.tool(new ToolResult("u" + s, "modify_pending_order_address",
                        "{\"order_id\": \"" + orderId + "\", \"status\": \"pending\", \"total\": " + amount.substring(1) + "}",
                        false)));
                session.add(Message.assistant("Done, " + first + ": order " + orderId + " now ships to the new address."));
            }
            out.add(List.copyOf(session));
        }
        return new Corpus(out, planted, keep);
    }

    private static <T> T pick(SplittableRandom rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String phone(SplittableRandom rnd) {
        String region = pick(rnd, List.of("US", "US", "GB", "FR", "DE", "ES", "IT"));
        PhoneNumber example = PHONES.getExampleNumber(region);
        String nsn = PHONES.getNationalSignificantNumber(example);
        for (int attempt = 0; attempt < 1000; attempt++) {
            StringBuilder sb = new StringBuilder(nsn.substring(0, nsn.length() - 4));
            for (int i = nsn.length() - 4; i < nsn.length(); i++) {
                sb.append(rnd.nextInt(10));
            }
            // a copy of the example keeps its flags: Italy's leading zero (02 ...) is not in the long national number
            PhoneNumber n = new PhoneNumber().mergeFrom(example).setNationalNumber(Long.parseLong(sb.toString()));
            if (PHONES.isValidNumber(n)) {
                return PHONES.format(n, region.equals("US") && rnd.nextBoolean() ? PhoneNumberFormat.NATIONAL
                        : PhoneNumberFormat.INTERNATIONAL);
            }
        }
        throw new AssertionError("no valid phone number near the example number of " + region);
    }

    private static String card(SplittableRandom rnd) {
        try {
            StringBuilder body = new StringBuilder(rnd.nextBoolean() ? "4" : "5");
            for (int i = 1; i < 15; i++) {
                body.append(rnd.nextInt(10));
            }
            String digits = body + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(body.toString());
            String sep = pick(rnd, List.of(" ", "-", ""));
            return digits.substring(0, 4) + sep + digits.substring(4, 8) + sep + digits.substring(8, 12) + sep + digits.substring(12);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String iban(SplittableRandom rnd) {
        String country = pick(rnd, List.of("DE", "FR", "ES", "NL", "GB"));
        String shape = switch (country) {
            case "DE" -> "999999999999999999";
            case "FR" -> "99999999999999999999999";
            case "ES" -> "99999999999999999999";
            case "NL" -> "AAAA9999999999";
            default -> "AAAA99999999999999";
        };
        StringBuilder bban = new StringBuilder();
        for (char c : shape.toCharArray()) {
            bban.append(c == '9' ? (char) ('0' + rnd.nextInt(10)) : (char) ('A' + rnd.nextInt(26)));
        }
        try {
            String iban = country + IBANCheckDigit.IBAN_CHECK_DIGIT.calculate(country + "00" + bban) + bban;
            if (!IBANValidator.getInstance().isValid(iban)) {
                return iban(rnd);
            }
            return rnd.nextBoolean() ? iban : iban.replaceAll("(.{4})(?!$)", "$1 ");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String nationalId(SplittableRandom rnd) {
        switch (rnd.nextInt(5)) {
            case 0 -> {
                return String.format("%03d-%02d-%04d", 1 + rnd.nextInt(665), 1 + rnd.nextInt(99), 1 + rnd.nextInt(9999));
            }
            case 1 -> {
                return "" + pick(rnd, List.of("AB", "JG", "PR", "ST")) + String.format(" %02d %02d %02d ", rnd.nextInt(100),
                        rnd.nextInt(100), rnd.nextInt(100)) + pick(rnd, List.of("A", "B", "C", "D"));
            }
            case 2 -> {
                int n = 10_000_000 + rnd.nextInt(89_999_999);
                return n + "" + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(n % 23);
            }
            case 3 -> {
                String body = "RSSMRA" + (50 + rnd.nextInt(49)) + "T" + String.format("%02d", 1 + rnd.nextInt(28)) + "H501";
                return body + NationalIds.cfCheck(body);
            }
            default -> {
                String thirteen = (1 + rnd.nextInt(2)) + String.format("%02d%02d%02d%03d%03d", rnd.nextInt(100),
                        1 + rnd.nextInt(12), 1 + rnd.nextInt(95), rnd.nextInt(1000), rnd.nextInt(1000));
                return thirteen + String.format("%02d", NationalIds.nirKey(thirteen));
            }
        }
    }
}
