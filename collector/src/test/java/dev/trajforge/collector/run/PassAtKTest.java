package dev.trajforge.collector.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PassAtKTest {
    @Test
    void should_estimate_pass_at_k_and_pass_hat_k_from_trials_per_task() {
        // task a: 4 trials, 2 accepted; task b: 4 trials, 4 accepted
        Map<String, long[]> trials = Map.of("a", new long[]{4, 2}, "b", new long[]{4, 4});
        Map<String, List<String>> groups = Map.of("a", List.of("domain:retail"), "b", List.of("domain:retail"));
        @SuppressWarnings("unchecked")
        Map<String, Object> retail = (Map<String, Object>) PassAtK.of(trials, groups, 4).get("domain:retail");
        assertEquals((0.5 + 1.0) / 2, (double) retail.get("pass@1"), 1e-6);
        assertEquals(((1 - 1.0 / 6) + 1.0) / 2, (double) retail.get("pass@2"), 1e-6); // a: 1 - C(2,2)/C(4,2)
        assertEquals(((1.0 / 6) + 1.0) / 2, (double) retail.get("pass^2"), 1e-6);     // a: C(2,2)/C(4,2)
        assertEquals(0.5, (double) retail.get("pass^4"), 1e-6);
        assertEquals(2L, retail.get("tasks"));
    }
}
