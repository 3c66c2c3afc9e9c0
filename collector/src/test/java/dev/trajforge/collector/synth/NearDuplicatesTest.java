package dev.trajforge.collector.synth;

import dev.trajforge.collector.synth.Ideas.Category;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearDuplicatesTest {
    private static final Category HOTEL = new Category("hotel_front_desk", "The front desk of a city hotel: guests book rooms and cancel reservations.");
    private static final Category HOTEL_AGAIN = new Category("hotel_frontdesk", "The front desk of a city hotel: guests book rooms and cancel their reservations.");
    private static final Category RENTAL = new Category("car_rental_counter", "A car rental counter at an airport: customers rent cars and return them.");

    @Test
    void should_keep_the_first_of_two_near_duplicates_and_name_it_as_what_the_second_duplicated() {
        NearDuplicates.Result<Category> result = NearDuplicates.remove(List.of(HOTEL, RENTAL, HOTEL_AGAIN), 0.85);

        assertEquals(List.of(HOTEL, RENTAL), result.kept());
        assertEquals(1, result.removed().size());
        assertEquals("hotel_frontdesk", result.removed().getFirst().name());
        assertEquals("hotel_front_desk", result.removed().getFirst().duplicateOf());
        assertTrue(result.removed().getFirst().similarity() >= 0.85);
    }

    @Test
    void should_keep_different_things_and_count_a_repeated_name_as_a_duplicate_whatever_the_description() {
        assertTrue(NearDuplicates.similarity(HOTEL, RENTAL) < 0.7, "similarity " + NearDuplicates.similarity(HOTEL, RENTAL));
        assertEquals(1.0, NearDuplicates.similarity(HOTEL, new Category("hotel_front_desk", "something else")));
        assertEquals(List.of(HOTEL, RENTAL, HOTEL_AGAIN), NearDuplicates.remove(List.of(HOTEL, RENTAL, HOTEL_AGAIN), 0.99).kept());
    }
}
