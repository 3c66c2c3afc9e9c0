package dev.trajforge.collector.anonymize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhonesTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void should_skip_no_text_that_holds_a_valid_number_of_any_region_written_either_way() {
        List<String> skipped = new ArrayList<>();
        int checked = 0;
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberType type : PHONES.getSupportedTypesForRegion(region)) {
                PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                if (example == null || !PHONES.isValidNumber(example)) {
                    continue;
                }
                // written internationally and read in the US; written nationally and read in its own region
                for (String[] written : new String[][] {
                        {PHONES.format(example, PhoneNumberFormat.INTERNATIONAL), "US"},
                        {PHONES.format(example, PhoneNumberFormat.NATIONAL), region}}) {
                    String text = "call me at " + written[0] + " please";
                    checked++;
                    if (Clues.of(text).digits() < Phones.fewestDigits(written[1])) {
                        skipped.add(region + " " + type + " " + written[0]);
                    }
                }
            }
        }
        assertTrue(checked > 1000, "example numbers checked: " + checked);
        assertEquals(List.of(), skipped);
    }

    @Test
    void should_find_a_number_the_guard_lets_through_and_nothing_in_text_without_digits() {
        List<Span> found = new ArrayList<>();
        String text = "call +290 22345 now"; // Saint Helena: among the shortest numbers anywhere
        Phones.find(text, Clues.of(text), "US", new PhoneWindows(), found);
        assertEquals(1, found.size());
        assertEquals("+290 22345", found.get(0).original());
        found.clear();
        String none = "call me tomorrow, please";
        Phones.find(none, Clues.of(none), "US", new PhoneWindows(), found);
        assertTrue(found.isEmpty());
    }

    @Test
    void should_find_the_same_numbers_in_a_window_seen_before_at_other_places_in_other_texts() {
        PhoneWindows searched = new PhoneWindows();
        List<Span> first = new ArrayList<>();
        List<Span> again = new ArrayList<>();
        String text = "Order #W2072615, call me at +1 415-555-0132 or (415) 555-0199.";
        String later = "Noted. " + text;
        Phones.find(text, Clues.of(text), "US", searched, first);
        Phones.find(later, Clues.of(later), "US", searched, again);

        assertEquals(2, first.size());
        assertEquals(first.stream().map(Span::original).toList(), again.stream().map(Span::original).toList());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).start() + 7, again.get(i).start(), "positions in the text searched, not the first one");
            assertEquals(later.substring(again.get(i).start(), again.get(i).end()), again.get(i).original());
        }
    }
}
