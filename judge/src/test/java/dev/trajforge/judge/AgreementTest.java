package dev.trajforge.judge;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AgreementTest {
    private static void add(Agreement agreement, boolean deterministic, boolean judge, int times) {
        for (int i = 0; i < times; i++) agreement.add(deterministic, judge);
    }

    @Test
    void should_compute_cohens_kappa_of_a_known_table() {
        // both pass 20, checks only 5, judge only 10, both fail 15: p_o = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = 0.4
        Agreement agreement = new Agreement();
        add(agreement, true, true, 20);
        add(agreement, true, false, 5);
        add(agreement, false, true, 10);
        add(agreement, false, false, 15);
        assertEquals(50, agreement.pairs());
        assertEquals(0.4, agreement.cohensKappa(), 1e-12);
        assertEquals(5, agreement.count(true, false));
    }

    @Test
    void should_give_one_for_perfect_agreement_and_a_negative_kappa_for_systematic_disagreement() {
        Agreement perfect = new Agreement();
        add(perfect, true, true, 3);
        add(perfect, false, false, 2);
        assertEquals(1.0, perfect.cohensKappa(), 1e-12);

        Agreement opposite = new Agreement();
        add(opposite, true, false, 2);
        add(opposite, false, true, 2);
        assertEquals(-1.0, opposite.cohensKappa(), 1e-12);
    }

    @Test
    void should_be_undefined_without_pairs_or_when_both_raters_always_say_the_same() {
        assertNull(new Agreement().cohensKappa());
        Agreement constant = new Agreement();
        add(constant, true, true, 7);
        assertNull(constant.cohensKappa());
    }

    @Test
    void should_count_every_pair_added_from_many_threads() {
        Agreement agreement = new Agreement();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4000; i++) {
                boolean d = i % 2 == 0;
                boolean j = i % 4 < 2;
                pool.submit(() -> agreement.add(d, j));
            }
        }
        assertEquals(4000, agreement.pairs());
        assertEquals(1000, agreement.count(true, true));
        assertEquals(0.0, agreement.cohensKappa(), 1e-12);
    }
}
