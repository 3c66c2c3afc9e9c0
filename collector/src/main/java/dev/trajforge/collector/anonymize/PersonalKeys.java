package dev.trajforge.collector.anonymize;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON keys whose value is personal whatever it looks like ("email", "dob", "last_name", ...), by detector. */
final class PersonalKeys {
    private static final Map<String, Detector> KEYS = keys();
    private static final Pattern CAMEL = Pattern.compile("([a-z])([A-Z])");

    private PersonalKeys() {}

    /** The detector a (normalized) key names, or null. */
    static Detector detectorOf(String normalizedKey) {
        return normalizedKey == null ? null : KEYS.get(normalizedKey);
    }

    /** {@code firstName}, {@code First-Name} and {@code first_name} are one key: {@code first_name}. */
    static String normalize(String key) {
        return CAMEL.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, Detector> keys() {
        Map<String, Detector> m = new HashMap<>();
        put(m, Detector.EMAIL, "email", "email_address", "e_mail", "mail", "contact_email");
        put(m, Detector.PHONE, "phone", "phone_number", "telephone", "tel", "mobile", "cell", "mobile_number",
                "contact_phone");
        put(m, Detector.BIRTH_DATE, "dob", "date_of_birth", "birth_date", "birthdate", "birthday");
        put(m, Detector.STREET_ADDRESS, "address", "address1", "address2", "address_line1", "address_line2",
                "address_line_1", "address_line_2", "street", "street_address", "line1", "line2", "home_address",
                "billing_address", "shipping_address", "mailing_address");
        put(m, Detector.PERSON_NAME, "first_name", "last_name", "firstname", "lastname", "given_name", "family_name",
                "surname", "full_name", "fullname", "customer_name", "contact_name", "recipient_name", "sender_name",
                "user_name", "middle_name", "cardholder_name", "account_holder", "passenger_name", "guest_name");
        put(m, Detector.NATIONAL_ID, "ssn", "social_security_number", "national_id", "tax_id", "nino", "dni", "nie",
                "codice_fiscale", "nir", "passport_number", "id_number");
        put(m, Detector.IP, "ip", "ip_address", "client_ip", "remote_addr");
        put(m, Detector.IBAN, "iban");
        put(m, Detector.CARD, "card_number", "credit_card_number", "pan");
        return Map.copyOf(m);
    }

    private static void put(Map<String, Detector> m, Detector detector, String... keys) {
        for (String k : List.of(keys)) {
            m.put(k, detector);
        }
    }
}
