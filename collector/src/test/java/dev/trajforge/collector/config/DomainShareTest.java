package dev.trajforge.collector.config;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a run that mixes domains shares out its tasks and orders them. */
class DomainShareTest {
    @Test
    void should_split_the_tasks_by_weight_with_the_largest_remainders_and_honour_counts_given_by_domain() {
        List<DomainShare> shares = List.of(new DomainShare("retail", 2.0, null), new DomainShare("airline", 1.0, null),
                new DomainShare("banking", null, 50));
        assertEquals(List.of(167, 83, 50), DomainShare.allocate(shares, 300));
        assertEquals(List.of(1, 1, 50), DomainShare.allocate(shares, 52), "every domain shared by weight gets at least one");
    }

    @Test
    void should_refuse_counts_the_total_cannot_cover_and_a_domain_named_twice() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> DomainShare.requireValid(List.of(new DomainShare("retail", 1.0, null), new DomainShare("airline", null, 10)), 10));
        assertTrue(tooFew.getMessage().startsWith("tasks: 10 tasks cannot cover 10 given by domain and at least one"), tooFew.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> DomainShare.requireValid(List.of(new DomainShare("retail", 1.0, null), new DomainShare("retail", 2.0, null)), 10));
        assertEquals("domains[1].name: retail is named twice", twice.getMessage());
    }

    @Test
    void should_interleave_the_domains_in_proportion_through_the_whole_run() {
        assertEquals(List.of(0, 1, 0, 0, 1, 0), DomainShare.interleave(List.of(4, 2)));
        List<Integer> big = DomainShare.interleave(List.of(600, 300, 100));
        for (int end = 100; end <= 1000; end += 100) {
            List<Integer> prefix = big.subList(0, end);
            assertEquals(end * 0.6, Collections.frequency(prefix, 0), 1.0, "retail's share of the first " + end);
            assertEquals(end * 0.1, Collections.frequency(prefix, 2), 1.0, "the small domain's share of the first " + end);
        }
    }
}
