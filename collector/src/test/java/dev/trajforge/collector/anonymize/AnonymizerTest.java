package dev.trajforge.collector.anonymize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.junit.jupiter.api.Test;

class AnonymizerTest {
    private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private final Anonymizer anonymizer = new Anonymizer(AnonymizerConfig.all(), KEY);

    private String one(String text) {
        return anonymizer.anonymize(List.of(Message.user(text)), "[]").messages().get(0).content();
    }

    @Test
    void should_replace_email_with_example_domain_of_the_same_class() {
        String out = one("Write to maria.garcia84@gmail.com or m.garcia@acme-corp.com please");
        assertFalse(out.contains("maria.garcia84@gmail.com"));
        assertFalse(out.contains("acme-corp"));
        assertTrue(out.matches(".*user_[0-9a-f]{10}@example\\.com.*user_[0-9a-f]{10}@example\\.org.*"), out);
    }

    @Test
    void should_give_a_fake_card_that_keeps_grouping_and_passes_luhn() {
        String out = one("card 4111 1111 1111 1111 thanks");
        String card = out.replaceAll(".*card (\\d{4} \\d{4} \\d{4} \\d{4}) thanks.*", "$1");
        assertNotEquals("4111 1111 1111 1111", card);
        assertTrue(LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(card.replace(" ", "")), card);
    }

    @Test
    void should_give_a_fake_iban_of_the_same_country_that_passes_its_checksum() {
        String out = one("IBAN DE89 3704 0044 0532 0130 00 please");
        String iban = out.replaceAll(".*IBAN (DE[0-9 ]+\\d) please.*", "$1");
        assertNotEquals("DE89 3704 0044 0532 0130 00", iban);
        assertTrue(IBANValidator.getInstance().isValid(iban.replace(" ", "")), iban);
    }

    @Test
    void should_give_a_fake_phone_that_is_valid_in_the_same_region() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String phone : List.of("+44 20 7946 0018", "(650) 253-0000", "+33 1 42 68 53 00")) {
            String out = one("call me at " + phone + " today");
            String fake = out.substring("call me at ".length(), out.length() - " today".length());
            assertNotEquals(phone, fake);
            var original = util.parse(phone, "US");
            var parsed = util.parse(fake, "US");
            assertTrue(util.isValidNumber(parsed), fake);
            assertEquals(util.getRegionCodeForNumber(original), util.getRegionCodeForNumber(parsed), fake);
        }
    }

    @Test
    void should_keep_order_ids_amounts_products_and_ordinary_dates() {
        String text = "Order #W2072615 for the Water Bottle ($54.04) was placed on 2024-05-17 and ships 05/20/2024.";
        assertEquals(text, one(text));
    }

    @Test
    void should_replace_a_birth_date_only_near_a_birth_cue() {
        String out = one("I was born on March 3, 1987 and ordered on March 3, 2024.");
        assertFalse(out.contains("March 3, 1987"), out);
        assertTrue(out.contains("ordered on March 3, 2024."), out);
    }

    @Test
    void should_replace_national_ids_with_valid_fakes() {
        String out = one("SSN 123-45-6789, NINO AB 12 34 56 C, DNI 12345678Z, CF RSSMRA85T10A562S");
        for (String v : List.of("123-45-6789", "AB 12 34 56 C", "12345678Z", "RSSMRA85T10A562S")) {
            assertFalse(out.contains(v), out);
        }
    }

    @Test
    void should_keep_the_same_pseudonym_in_text_and_inside_tool_json() {
        List<Message> session = List.of(
                Message.user("Hi, I'm Maria Garcia, email maria.garcia84@gmail.com"),
                Message.assistant(null, null, List.of(new ToolCall("c1", "find_user",
                        "{\"email\": \"maria.garcia84@gmail.com\"}"))),
                Message.tool(new ToolResult("c1", "find_user",
                        "{\"user_id\": \"maria_garcia_1234\", \"name\": {\"first_name\": \"Maria\", \"last_name\": \"Garcia\"},"
                                + " \"email\": \"maria.garcia84@gmail.com\", \"address\": {\"address1\": \"763 Broadway\", \"zip\": \"19122\"}}",
                        false)),
                Message.assistant("Thanks Maria, I found your account."));
        Anonymizer.Result r = anonymizer.anonymize(session, "[]");
        String all = r.messages().toString();
        for (String v : List.of("Maria", "Garcia", "maria", "maria.garcia84@gmail.com", "763 Broadway")) {
            assertFalse(all.contains(v), v + " survived: " + all);
        }
        String fakeEmail = r.replacements().stream().filter(x -> x.detector() == Detector.EMAIL).findFirst().orElseThrow().pseudonym();
        assertTrue(r.messages().get(0).content().contains(fakeEmail));
        assertTrue(r.messages().get(1).toolCalls().get(0).argumentsJson().contains(fakeEmail));
        assertTrue(r.messages().get(2).content().contains(fakeEmail));
        assertTrue(r.messages().get(2).content().contains("\"zip\":\"19122\""), r.messages().get(2).content());
        assertEquals(3, r.counts().get(Detector.EMAIL));
        String fakeFirst = r.messages().get(3).content().split(" ")[1].replace(",", "");
        assertTrue(r.messages().get(0).content().contains(fakeFirst), all);
        assertTrue(r.messages().get(2).content().contains(fakeFirst.toLowerCase() + "_"), all);
    }

    @Test
    void should_give_other_pseudonyms_under_another_key_and_the_same_under_the_same() {
        String text = "mail maria.garcia84@gmail.com";
        Anonymizer other = new Anonymizer(AnonymizerConfig.all(), "another-key".getBytes(StandardCharsets.UTF_8));
        Anonymizer again = new Anonymizer(AnonymizerConfig.all(), KEY.clone());
        String a = one(text);
        assertEquals(a, again.anonymize(List.of(Message.user(text)), "[]").messages().get(0).content());
        assertNotEquals(a, other.anonymize(List.of(Message.user(text)), "[]").messages().get(0).content());
    }

    @Test
    void should_leave_a_disabled_detector_alone_and_count_nothing_for_it() {
        Anonymizer noEmail = new Anonymizer(new AnonymizerConfig(EnumSet.of(Detector.PHONE)), KEY);
        Anonymizer.Result r = noEmail.anonymize(List.of(Message.user("maria@gmail.com")), "[]");
        assertEquals("maria@gmail.com", r.messages().get(0).content());
        assertTrue(r.counts().isEmpty());
    }

    @Test
    void should_mask_replacements_without_the_value() {
        Anonymizer.Result r = anonymizer.anonymize(List.of(Message.user("mail maria.garcia84@gmail.com")), "[]");
        assertEquals("m***@g***.com", r.replacements().get(0).masked());
    }

    @Test
    void should_name_only_the_variable_when_the_key_is_missing() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Anonymizer.keyFrom("TRAJFORGE_ANON_KEY", " "));
        assertTrue(e.getMessage().contains("TRAJFORGE_ANON_KEY"));
        assertEquals(List.of((byte) 'k'), List.of(Anonymizer.keyFrom("V", "k")[0]));
    }

    @Test
    void should_still_replace_a_sessions_own_names_in_a_long_text_found_clean_in_an_earlier_session() {
        String policy = "You are the support agent of the Quentin line of stores. " + "Be brief, verify the customer first, and confirm every change. ".repeat(6);
        dev.trajforge.simenv.ToolCall lookup = new dev.trajforge.simenv.ToolCall("c1", "find_customer", "{\"email\":\"x@y.org\"}");
        List<Message> first = List.of(Message.system(policy), Message.user("where is my order?"));
        List<Message> second = List.of(Message.system(policy), Message.user("where is my order?"),
                Message.assistant(null, null, List.of(lookup)),
                Message.tool(dev.trajforge.simenv.ToolResult.ok(lookup, "{\"customer\": {\"name\": \"Quentin Marlowe\", \"email\": \"q@m.org\"}}")));

        assertEquals(policy, anonymizer.anonymize(first, "[]").messages().getFirst().content(), "nothing personal in the policy on its own");
        String again = anonymizer.anonymize(second, "[]").messages().getFirst().content();
        assertFalse(again.contains("Quentin"), "this session's customer is called Quentin: " + again);
        assertEquals(policy, anonymizer.anonymize(first, "[]").messages().getFirst().content(), "and the first session's text stays as it was");
    }
}
