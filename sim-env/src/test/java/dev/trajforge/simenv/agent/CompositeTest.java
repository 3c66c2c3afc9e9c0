package dev.trajforge.simenv.agent;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A composite placeholder: required parts, optional parts with their text, and templates refused at the door. */
class CompositeTest {
    private static final Composite WHEN = new Composite("when", "{date}{ at time}{, zone}");

    @Test
    void should_join_required_and_present_optional_parts_with_their_text() {
        assertEquals(Optional.of("2024-05-01 at 10:00, CET"), WHEN.render(Map.of("date", "2024-05-01", "time", "10:00", "zone", "CET")));
    }

    @Test
    void should_drop_an_optional_part_and_its_text_when_the_argument_is_missing_or_empty() {
        assertEquals(Optional.of("2024-05-01, CET"), WHEN.render(Map.of("date", "2024-05-01", "zone", "CET")));
        assertEquals(Optional.of("2024-05-01"), WHEN.render(Map.of("date", "2024-05-01", "time", "", "zone", "")));
    }

    @Test
    void should_not_exist_for_a_call_without_one_of_its_required_arguments() {
        assertTrue(WHEN.render(Map.of("time", "10:00")).isEmpty());
    }

    @Test
    void should_keep_a_required_argument_that_is_empty_as_empty() {
        assertEquals(Optional.of("a  b"), new Composite("pair", "{left} {middle} {right}").render(Map.of("left", "a", "middle", "", "right", "b")));
    }

    @Test
    void should_refuse_templates_it_could_not_fill_unambiguously() {
        assertThrows(IllegalArgumentException.class, () -> new Composite("Address", "{street}"), "name not lower_snake_case");
        assertThrows(IllegalArgumentException.class, () -> new Composite("when", " "), "blank template");
        assertThrows(IllegalArgumentException.class, () -> new Composite("when", "{, time}"), "no required part");
        assertThrows(IllegalArgumentException.class, () -> new Composite("when", "{date} {time"), "unbalanced brace");
        assertThrows(IllegalArgumentException.class, () -> new Composite("when", "{date}{_time}"), "optional text must end in a space or punctuation");
        assertThrows(IllegalArgumentException.class, () -> new Composite("when", "{when}{, date}"), "refers to itself");
    }
}
