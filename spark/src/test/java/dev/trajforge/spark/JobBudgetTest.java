package dev.trajforge.spark;

import dev.trajforge.collector.config.Budget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each partition's share of a run's budget, kept by its collection task alone. */
class JobBudgetTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    /** 10 tasks of 1 trial in 3 partitions: tasks [0, 3), [3, 6), [6, 10), so 3, 3 and 4 episodes */
    private static final Partitions UNEVEN = new Partitions(10, 1, 3);

    @Test
    void should_share_max_episodes_in_proportion_to_the_partitions_episodes_by_largest_remainder_adding_up_to_the_budget() {
        assertEquals(List.of(2L, 1L, 2L), shares(budget(5, null, null, UNEVEN)), "1.5, 1.5 and 2: the first tie gets the spare one");
        assertEquals(List.of(3L, 3L, 2L, 2L), shares(budget(10, null, null, new Partitions(40, 2, 4))));
        assertEquals(List.of(1L, 0L, 0L, 0L), shares(budget(1, null, null, new Partitions(40, 2, 4))), "a partition may get none");
        assertEquals(List.of(30L, 30L, 40L), shares(budget(100, null, null, UNEVEN)), "more than the run has: each its own and more");
        for (int m = 1; m <= 25; m++) {
            assertEquals(m, shares(budget(m, null, null, new Partitions(7, 3, 5))).stream().mapToLong(Long::longValue).sum(), "maxEpisodes " + m);
        }
    }

    @Test
    void should_share_max_cost_in_proportion_to_the_partitions_episodes() {
        JobBudget budget = budget(null, 1.0, null, UNEVEN);
        assertEquals(0.3, budget.costUsd(0), 1e-12);
        assertEquals(0.3, budget.costUsd(1), 1e-12);
        assertEquals(0.4, budget.costUsd(2), 1e-12);
    }

    @Test
    void should_stop_a_partition_once_its_episodes_reach_its_share() {
        JobBudget budget = budget(5, null, null, UNEVEN);
        assertNull(budget.reached(1, 0, 0, START));
        JobBudget.Stop stop = budget.reached(1, 1, 0, START);
        assertEquals("maxEpisodes 5", stop.budget());
        assertEquals("maxEpisodes 5 (partition 1's share: 1 episodes)", stop.toString());
        assertNull(budget.reached(0, 1, 0, START), "partition 0's share is 2");
    }

    @Test
    void should_stop_a_partition_once_its_spend_reaches_its_share_of_max_cost() {
        JobBudget budget = budget(null, 1.0, null, UNEVEN);
        assertNull(budget.reached(2, 100, 0.3999, START));
        assertEquals("maxCostUsd 1.0", budget.reached(2, 100, 0.4, START).budget());
        assertTrue(budget.reached(2, 100, 0.5, START).share().contains("spent $0.500000"));
    }

    @Test
    void should_stop_every_partition_once_max_wall_seconds_passed_since_the_jobs_start() {
        JobBudget budget = budget(null, null, 60, UNEVEN);
        assertEquals(START.plusSeconds(60), budget.deadline());
        assertNull(budget.reached(0, 1_000, 1_000, START.plusSeconds(59)));
        for (int p = 0; p < 3; p++) assertEquals("maxWallSeconds 60", budget.reached(p, 0, 0, START.plusSeconds(60)).budget());
    }

    @Test
    void should_never_stop_without_a_budget_and_refuse_one_a_run_would_refuse() {
        JobBudget none = JobBudget.of(Budget.NONE, START, UNEVEN);
        assertNull(none.reached(2, Long.MAX_VALUE, Double.MAX_VALUE, Instant.MAX));
        assertNull(none.episodes(0));
        assertNull(none.costUsd(0));
        assertNull(none.deadline());
        assertThrows(IllegalArgumentException.class, () -> budget(0, null, null, UNEVEN));
        assertThrows(IllegalArgumentException.class, () -> budget(null, -1.0, null, UNEVEN));
    }

    private static JobBudget budget(Integer maxEpisodes, Double maxCostUsd, Integer maxWallSeconds, Partitions partitions) {
        return new JobBudget(maxEpisodes, maxCostUsd, maxWallSeconds, START, partitions);
    }

    private static List<Long> shares(JobBudget budget) {
        List<Long> shares = new ArrayList<>();
        for (int p = 0; p < budget.partitions().count(); p++) shares.add(budget.episodes(p));
        return shares;
    }
}
