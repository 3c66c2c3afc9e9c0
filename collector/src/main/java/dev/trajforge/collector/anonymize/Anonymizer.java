package dev.trajforge.collector.anonymize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Replaces personal values in one session with consistent, format-preserving pseudonyms: over user and
 * assistant text, reasoning, tool-call arguments and tool results, and the values inside any of them
 * that is JSON. Each fake is seeded by HMAC-SHA256(key, detector, normalized value), so a value has one
 * fake everywhere under one key and an unrelated one under another. Immutable and thread-safe: each
 * call works on its own session state.
 */
public final class Anonymizer {
    /** One anonymized session: its messages, the audit counts (never values), and what was replaced, masked. */
    public record Result(List<Message> messages, Map<Detector, Integer> counts, List<Replacement> replacements) {
        public Result {
            messages = List.copyOf(messages);
            counts = Collections.unmodifiableMap(new EnumMap<>(counts));
            replacements = List.copyOf(replacements);
        }
    }

    /** One distinct replaced value: {@code masked} hides all but a hint of the original, for review. */
    public record Replacement(Detector detector, String masked, String pseudonym) {}

    /** What a test measures: the original value too. Package-private; never leaves this package. */
    record Finding(Detector detector, String original, String pseudonym) {}

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+%-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])[2-6]\\d(?:[ -]?\\d){11,17}(?!\\d)");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\d|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final Pattern BIRTH_CUE = Pattern.compile(
            "(?i)\\b(?:born|d\\.?o\\.?b\\.?|date of birth|birth ?date|birthday|geboren|née?)\\b");
    private static final String MONTHS = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile("(?<![\\w/.-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{4}"
            + "|" + MONTHS + " \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2} " + MONTHS + ",? \\d{4})(?![\\w/-])");
    private static final List<DateTimeFormatter> DATE_FORMATS = Arrays.stream(new String[] {"uuuu-MM-dd", "MM/dd/uuuu",
                    "M/d/uuuu", "dd/MM/uuuu", "d/M/uuuu", "dd.MM.uuuu", "d.M.uuuu", "MMMM d, uuuu", "MMMM d uuuu",
                    "MMM d, uuuu", "MMM d uuuu", "d MMMM uuuu", "d MMM uuuu", "d MMMM, uuuu"})
            .map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
            .toList();
    private static final Pattern ADDRESS_US = Pattern.compile("(?<![\\w#$.,-])\\d{1,6}[A-Za-z]?(?: [NSEW]\\.?)?"
            + "(?: [A-Z][A-Za-z'.-]*| \\d{1,3}(?:st|nd|rd|th)){1,4} (?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way"
            + "|Place|Terrace|Circle|Parkway|Highway|Square)\\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq)\\b\\.?)"
            + "(?:,? (?:Apt|Apartment|Suite|Ste|Unit|#)\\.? ?[A-Za-z0-9-]+)?");
    private static final Pattern ADDRESS_FR = Pattern.compile("(?<![\\w#$.,-])\\d{1,4}(?: ?(?:bis|ter))?,? "
            + "(?i:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai) "
            + "(?:(?i:de|du|des|la|le|l'|d')\\s*)*\\p{Lu}[\\p{L}'-]+(?: \\p{Lu}[\\p{L}'-]+){0,3}");
    private static final Pattern ADDRESS_DE = Pattern.compile(
            "(?<![\\w-])\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|platz|allee|gasse)\\s\\d{1,4}[a-z]?(?![\\w])");
    private static final Pattern ADDRESS_SOUTH = Pattern.compile("(?<![\\w-])(?:Calle|Avenida|Avda\\.|Via|Viale|Piazza|Corso)"
            + " \\p{Lu}[\\p{L}'-]+(?: (?:de|del|la|di|della)?\\s?\\p{Lu}[\\p{L}'-]+){0,3},? \\d{1,4}(?!\\d)");

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

    /**
     * Who wins where two detectors find overlapping values: the stricter check first (an IBAN's mod-97
     * over a Luhn digit that one in ten digit runs pass, a French NIR's key likewise), the dotted quads of
     * an IP before phone numbers, which match loosely.
     */
    private static final List<Detector> PRIORITY = List.of(Detector.EMAIL, Detector.IBAN, Detector.NATIONAL_ID,
            Detector.CARD, Detector.IP, Detector.BIRTH_DATE, Detector.PHONE, Detector.STREET_ADDRESS,
            Detector.PERSON_NAME);

    /** Keys whose value is personal whatever it looks like. */
    private static final Map<String, Detector> KEYS = keys();
    /** Objects under these keys hold a person; their {@code name} is a person's name. */
    private static final Set<String> PERSON_KEYS = Set.of("user", "customer", "person", "contact", "recipient",
            "sender", "profile", "account_holder", "cardholder", "passenger", "guest", "patient", "employee", "author",
            "owner", "from", "to", "billing", "shipping", "user_details", "customer_details");
    private static final Set<String> PERSON_SIBLINGS = Set.of("email", "phone", "phone_number", "address", "dob",
            "date_of_birth", "user_id", "customer_id", "first_name", "last_name", "birth_date", "payment_methods");

    private final AnonymizerConfig config;
    private final byte[] key;
    private final String defaultRegion;

    /** With US as the region for phone numbers written without a country code. */
    public Anonymizer(AnonymizerConfig config, byte[] key) {
        this(config, key, "US");
    }

    public Anonymizer(AnonymizerConfig config, byte[] key, String defaultRegion) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("anonymization key is empty");
        }
        this.key = key.clone();
        if (!PHONES.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'");
        }
        this.defaultRegion = defaultRegion;
        Draw.newMac(this.key); // fail now, not per session, if HMAC is missing
    }

    /** The key in environment variable {@code variable}, as UTF-8 bytes; the message names only the variable. */
    public static byte[] keyFromEnvironment(String variable) {
        return keyFrom(variable, System.getenv(variable));
    }

    static byte[] keyFrom(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable
                    + " is not set or blank: set it to the dataset's anonymization secret");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Anonymizer" + config.enabled();
    }

    /** One session. {@code toolsJson} (the tool definitions) is read for nothing personal and left as is. */
    public Result anonymize(List<Message> messages, String toolsJson) {
        Session session = new Session();
        List<Message> out = session.run(messages);
        List<Replacement> replacements = session.findings.values().stream()
                .map(f -> new Replacement(f.detector(), Fakes.mask(f.original()), f.pseudonym()))
                .toList();
        return new Result(out, session.counts, replacements);
    }

    /** As {@link #anonymize}, with the originals: for tests that measure precision and recall. */
    List<Finding> findings(List<Message> messages) {
        Session session = new Session();
        session.run(messages);
        return List.copyOf(session.findings.values());
    }

    private static Map<String, Detector> keys() {
        Map<String, Detector> m = new HashMap<>();
        for (String k : List.of("email", "email_address", "e_mail", "mail", "contact_email")) {
            m.put(k, Detector.EMAIL);
        }
        for (String k : List.of("phone", "phone_number", "telephone", "tel", "mobile", "cell", "mobile_number", "contact_phone")) {
            m.put(k, Detector.PHONE);
        }
        for (String k : List.of("dob", "date_of_birth", "birth_date", "birthdate", "birthday")) {
            m.put(k, Detector.BIRTH_DATE);
        }
        for (String k : List.of("address", "address1", "address2", "address_line1", "address_line2", "address_line_1",
                "address_line_2", "street", "street_address", "line1", "line2", "home_address", "billing_address",
                "shipping_address", "mailing_address")) {
            m.put(k, Detector.STREET_ADDRESS);
        }
        for (String k : List.of("first_name", "last_name", "firstname", "lastname", "given_name", "family_name",
                "surname", "full_name", "fullname", "customer_name", "contact_name", "recipient_name", "sender_name",
                "user_name", "middle_name", "cardholder_name", "account_holder", "passenger_name", "guest_name")) {
            m.put(k, Detector.PERSON_NAME);
        }
        for (String k : List.of("ssn", "social_security_number", "national_id", "tax_id", "nino", "dni", "nie",
                "codice_fiscale", "nir", "passport_number", "id_number")) {
            m.put(k, Detector.NATIONAL_ID);
        }
        for (String k : List.of("ip", "ip_address", "client_ip", "remote_addr")) {
            m.put(k, Detector.IP);
        }
        for (String k : List.of("iban")) {
            m.put(k, Detector.IBAN);
        }
        for (String k : List.of("card_number", "credit_card_number", "pan")) {
            m.put(k, Detector.CARD);
        }
        return Map.copyOf(m);
    }

    private static String normalizeKey(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** One found value in one string. */
    private record Span(int start, int end, Detector detector, String original, String normalized,
                        Function<Draw, String> fake) {}

    /** The state of one {@link #anonymize} call. */
    private final class Session {
        private final Mac mac = Draw.newMac(key);
        private final Map<Detector, Integer> counts = new EnumMap<>(Detector.class);
        private final Map<String, Finding> findings = new LinkedHashMap<>();
        /** Name tokens found anywhere in the session (lower case) and whether each is a family name. */
        private final Map<String, Boolean> nameTokens = new LinkedHashMap<>();
        private Pattern namePattern;

        List<Message> run(List<Message> messages) {
            if (config.isEnabled(Detector.PERSON_NAME)) {
                for (Message m : messages) {
                    collectNames(m.content());
                    collectNames(m.reasoning());
                    for (ToolCall c : m.toolCalls()) {
                        collectNames(c.argumentsJson());
                    }
                }
                namePattern = compileNames();
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

        // ---- names, pass 1: gather tokens from structure and from how people greet and sign ----

        private void collectNames(String s) {
            if (s == null || s.isBlank()) {
                return;
            }
            JsonNode json = parseJson(s);
            if (json != null) {
                collectNames(json, null, false);
            } else {
                collectNamesInText(s);
            }
        }

        private void collectNames(JsonNode node, String key, boolean person) {
            if (node.isObject()) {
                boolean personHere = person || (key != null && PERSON_KEYS.contains(key))
                        || PERSON_SIBLINGS.stream().anyMatch(node::has);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String k = normalizeKey(e.getKey());
                    JsonNode v = e.getValue();
                    if (v.isTextual()) {
                        Detector d = KEYS.get(k);
                        if (d == Detector.PERSON_NAME) {
                            addName(v.asText(), k.contains("last") || k.contains("family") || k.equals("surname"));
                        } else if (k.equals("name") && (personHere || looksLikePerson(v.asText()))) {
                            addName(v.asText(), false);
                        } else {
                            collectNamesInText(v.asText());
                        }
                    } else {
                        // a person's own "name" object holds their name; their orders and items are not them
                        collectNames(v, k, k.equals("name"));
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode v : node) {
                    collectNames(v, key, person);
                }
            }
        }

        private static boolean looksLikePerson(String value) {
            Matcher m = FULL_NAME.matcher(value.strip());
            return m.matches() && Names.isFirst(m.group(1));
        }

        private void collectNamesInText(String text) {
            for (Pattern p : List.of(GREETING, SIGNATURE, INTRODUCTION)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    addNameIfPlausible(m.group(1), false);
                }
            }
            Matcher m = SELF.matcher(text);
            while (m.find()) {
                addNameIfPlausible(m.group(1), true);
            }
            m = FULL_NAME.matcher(text);
            while (m.find()) {
                if (Names.isFirst(m.group(1)) && !Names.STOP.contains(m.group(2).toLowerCase(Locale.ROOT))
                        && (Names.isLast(m.group(2)) || !Fakes.ADDRESS_WORDS.contains(m.group(2).toLowerCase(Locale.ROOT)))) {
                    addName(m.group(), false);
                }
            }
        }

        private void addNameIfPlausible(String name, boolean needKnownFirst) {
            String[] tokens = name.split(" ");
            List<String> kept = new ArrayList<>();
            for (String t : tokens) {
                if (Names.STOP.contains(t.toLowerCase(Locale.ROOT))) {
                    break;
                }
                kept.add(t);
            }
            if (kept.isEmpty() || (needKnownFirst && !Names.isFirst(kept.get(0)))) {
                return;
            }
            addName(String.join(" ", kept), false);
        }

        private void addName(String value, boolean family) {
            String[] tokens = value.strip().split("[\\s,]+");
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i].replaceAll("[^\\p{L}'-]", "");
                if (t.length() < 2 || Names.STOP.contains(t.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                boolean last = family || (tokens.length > 1 && i == tokens.length - 1);
                if (Names.isFirst(t)) {
                    last = false;
                } else if (Names.isLast(t)) {
                    last = true;
                }
                nameTokens.putIfAbsent(t.toLowerCase(Locale.ROOT), last);
            }
        }

        private Pattern compileNames() {
            if (nameTokens.isEmpty()) {
                return null;
            }
            String alternatives = nameTokens.keySet().stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .map(t -> Names.COMMON_WORDS.contains(t) || t.length() < 3
                            ? Pattern.quote(Character.toUpperCase(t.charAt(0)) + t.substring(1))
                            : "(?iu:" + Pattern.quote(t) + ")")
                    .collect(Collectors.joining("|"));
            return Pattern.compile("(?<!\\p{L})(?:" + alternatives + ")(?!\\p{L})");
        }

        // ---- pass 2: rewrite every string ----

        private String rewrite(String s) {
            if (s == null || s.isEmpty()) {
                return s;
            }
            JsonNode json = parseJson(s);
            if (json != null) {
                JsonNode rewritten = rewriteJson(json, null);
                if (rewritten.equals(json)) {
                    return s;
                }
                try {
                    return JSON.writeValueAsString(rewritten);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("re-serializing a parsed JSON tree", e);
                }
            }
            return rewriteText(s);
        }

        private JsonNode rewriteJson(JsonNode node, String key) {
            if (node.isObject()) {
                ObjectNode copy = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    copy.set(e.getKey(), rewriteJson(e.getValue(), normalizeKey(e.getKey())));
                }
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = JSON.createArrayNode();
                for (JsonNode v : node) {
                    copy.add(rewriteJson(v, key));
                }
                return copy;
            }
            if (node.isTextual()) {
                return TextNode.valueOf(rewriteValue(node.asText(), key == null ? null : KEYS.get(key)));
            }
            if (node.isIntegralNumber() && key != null && KEYS.get(key) != null) {
                String text = node.asText();
                String fake = rewriteValue(text, KEYS.get(key));
                return fake.equals(text) ? node : JSON.getNodeFactory().numberNode(new java.math.BigInteger(fake));
            }
            return node;
        }

        /** A value under a key that says what it is: the text scan first, then the whole value as that kind. */
        private String rewriteValue(String value, Detector keyed) {
            if (keyed == null || !config.isEnabled(keyed) || value.isBlank()) {
                return rewriteText(value);
            }
            List<Span> spans = scan(value, keyed == Detector.BIRTH_DATE);
            boolean covered = spans.stream().anyMatch(sp -> sp.detector() == keyed);
            if (covered || keyed == Detector.PERSON_NAME) {
                return apply(value, spans);
            }
            String whole = switch (keyed) {
                case PHONE -> phoneWhole(value);
                case BIRTH_DATE -> dateWhole(value);
                case STREET_ADDRESS -> record(Detector.STREET_ADDRESS, value, normalizeText(value),
                        d -> Fakes.address(value, d));
                case EMAIL, NATIONAL_ID, IP, IBAN, CARD -> record(keyed, value, normalizeText(value),
                        d -> Fakes.redraw(value, d));
                case PERSON_NAME -> value;
            };
            return whole == null ? apply(value, spans) : whole;
        }

        private String phoneWhole(String value) {
            try {
                PhoneNumber n = PHONES.parse(value, defaultRegion);
                if (PHONES.isPossibleNumber(n)) {
                    return record(Detector.PHONE, value, PHONES.format(n, PhoneNumberFormat.E164),
                            d -> Fakes.phone(value, n, d));
                }
            } catch (NumberParseException e) {
                // not a number at all: fall through to redraw its digits
            }
            return value.chars().anyMatch(Character::isDigit)
                    ? record(Detector.PHONE, value, value.replaceAll("\\D", ""), d -> Fakes.redraw(value, d))
                    : null;
        }

        private String dateWhole(String value) {
            for (DateTimeFormatter f : DATE_FORMATS) {
                try {
                    LocalDate date = LocalDate.parse(value.strip(), f);
                    return record(Detector.BIRTH_DATE, value, date.toString(), d -> Fakes.date(date, f, d));
                } catch (DateTimeParseException e) {
                    // next pattern
                }
            }
            return null;
        }

        private String rewriteText(String text) {
            return apply(text, scan(text, false));
        }

        private String apply(String text, List<Span> spans) {
            if (spans.isEmpty()) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text.length());
            int last = 0;
            for (Span sp : spans) {
                sb.append(text, last, sp.start()).append(record(sp.detector(), sp.original(), sp.normalized(), sp.fake()));
                last = sp.end();
            }
            return sb.append(text, last, text.length()).toString();
        }

        /** Every detector over one string; overlaps go to the earlier detector in {@link #PRIORITY}, then the longer. */
        private List<Span> scan(String text, boolean birthContext) {
            List<Span> found = new ArrayList<>();
            if (config.isEnabled(Detector.EMAIL)) {
                Matcher m = EMAIL.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    found.add(span(m.start(), m.end(), Detector.EMAIL, v, v.toLowerCase(Locale.ROOT),
                            d -> Fakes.email(v.toLowerCase(Locale.ROOT), d)));
                }
            }
            if (config.isEnabled(Detector.IBAN)) {
                Matcher m = IBAN.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    while (true) {
                        String compact = v.replace(" ", "");
                        if (IBANValidator.getInstance().isValid(compact)) {
                            String original = v;
                            found.add(span(m.start(), m.start() + v.length(), Detector.IBAN, v, compact,
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
            if (config.isEnabled(Detector.CARD)) {
                Matcher m = CARD.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    // the longest Luhn-valid prefix of 13 to 19 digits that ends on a digit
                    for (int end = v.length(); end > 0; end--) {
                        String candidate = v.substring(0, end);
                        String digits = candidate.replaceAll("[ -]", "");
                        if (Character.isDigit(candidate.charAt(end - 1)) && digits.length() >= 13 && digits.length() <= 19
                                && (end == v.length() || !Character.isDigit(v.charAt(end)))
                                && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
                            found.add(span(m.start(), m.start() + end, Detector.CARD, candidate, digits,
                                    d -> Fakes.card(candidate, digits, d)));
                            break;
                        }
                    }
                }
            }
            if (config.isEnabled(Detector.NATIONAL_ID)) {
                List<NationalIds.Found> ids = new ArrayList<>();
                NationalIds.find(text, ids);
                for (NationalIds.Found f : ids) {
                    String v = text.substring(f.start(), f.end());
                    found.add(span(f.start(), f.end(), Detector.NATIONAL_ID, v,
                            f.kind() + ":" + v.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT),
                            d -> NationalIds.fake(f.kind(), v, d)));
                }
            }
            if (config.isEnabled(Detector.IP)) {
                Matcher m = IPV4.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    found.add(span(m.start(), m.end(), Detector.IP, v, v, d -> Fakes.ipv4(v, d)));
                }
                m = IPV6.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    if (v.replace(":", "").length() >= 4 && v.split(":+").length >= 3
                            && InetAddressValidator.getInstance().isValidInet6Address(v)) {
                        found.add(span(m.start(), m.end(), Detector.IP, v, v.toLowerCase(Locale.ROOT), d -> Fakes.ipv6(v, d)));
                    }
                }
            }
            if (config.isEnabled(Detector.BIRTH_DATE)) {
                Matcher m = DATE.matcher(text);
                int previousDateEnd = 0;
                while (m.find()) {
                    int from = previousDateEnd;
                    previousDateEnd = m.end();
                    if (birthContext || nearBirthCue(text, from, m.start())) {
                        String v = m.group();
                        for (DateTimeFormatter f : DATE_FORMATS) {
                            try {
                                LocalDate date = LocalDate.parse(v.replaceAll("(\\d)(st|nd|rd|th)", "$1"), f);
                                found.add(span(m.start(), m.end(), Detector.BIRTH_DATE, v, date.toString(),
                                        d -> Fakes.date(date, f, d)));
                                break;
                            } catch (DateTimeParseException e) {
                                // next pattern
                            }
                        }
                    }
                }
            }
            if (config.isEnabled(Detector.PHONE)) {
                for (PhoneNumberMatch pm : PHONES.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                    String v = pm.rawString();
                    PhoneNumber n = pm.number();
                    found.add(span(pm.start(), pm.end(), Detector.PHONE, v, PHONES.format(n, PhoneNumberFormat.E164),
                            d -> Fakes.phone(v, n, d)));
                }
            }
            if (config.isEnabled(Detector.STREET_ADDRESS)) {
                for (Pattern p : List.of(ADDRESS_US, ADDRESS_FR, ADDRESS_DE, ADDRESS_SOUTH)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        String v = m.group();
                        // "Main St." at the end of a sentence and "Main St" elsewhere draw the same fake
                        found.add(span(m.start(), m.end(), Detector.STREET_ADDRESS, v, normalizeText(v).replaceAll("\\.$", ""),
                                d -> Fakes.address(v, d)));
                    }
                }
            }
            if (namePattern != null) {
                Matcher m = namePattern.matcher(text);
                while (m.find()) {
                    String v = m.group();
                    String lower = v.toLowerCase(Locale.ROOT);
                    boolean last = nameTokens.getOrDefault(lower, false);
                    found.add(span(m.start(), m.end(), Detector.PERSON_NAME, v, (last ? "last:" : "first:") + lower,
                            d -> Fakes.name(v, last, d)));
                }
            }
            return resolve(found);
        }

        /** A birth cue in the 40 characters before the date, with no other date between them. */
        private boolean nearBirthCue(String text, int previousDateEnd, int dateStart) {
            Matcher cue = BIRTH_CUE.matcher(text);
            cue.region(Math.max(previousDateEnd, dateStart - 40), dateStart);
            cue.useTransparentBounds(true);
            return cue.find();
        }

        private List<Span> resolve(List<Span> found) {
            if (found.size() <= 1) {
                return found;
            }
            List<Span> byPriority = new ArrayList<>(found);
            byPriority.sort(Comparator.comparingInt((Span sp) -> PRIORITY.indexOf(sp.detector()))
                    .thenComparing(sp -> sp.start() - sp.end()));
            List<Span> kept = new ArrayList<>();
            for (Span sp : byPriority) {
                if (kept.stream().noneMatch(k -> k.start() < sp.end() && sp.start() < k.end())) {
                    kept.add(sp);
                }
            }
            kept.sort(Comparator.comparingInt(Span::start));
            return kept;
        }

        private Span span(int start, int end, Detector detector, String original, String normalized,
                          Function<Draw, String> fake) {
            return new Span(start, end, detector, original, normalized, fake);
        }

        /** The pseudonym of one occurrence: drawn once per (detector, surface form) in the session, counted. */
        private String record(Detector detector, String original, String normalized,
                              Function<Draw, String> fake) {
            counts.merge(detector, 1, Integer::sum);
            String id = detector + "\u0000" + original;
            Finding f = findings.get(id);
            if (f == null) {
                f = new Finding(detector, original, fake.apply(Draw.of(mac, detector, normalized)));
                findings.put(id, f);
            }
            return f.pseudonym();
        }
    }

    private static String normalizeText(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The tree if the string is a JSON object or array, else null (plain text stays text). */
    private static JsonNode parseJson(String s) {
        String t = s.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(t);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
