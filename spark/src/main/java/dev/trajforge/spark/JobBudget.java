package dev.trajforge.spark;

import dev.trajforge.collector.config.Budget;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The run's {@code budget} as each collection task keeps it, without seeing what the other tasks do: {@code maxEpisodes}
 * (episodes this job runs) and {@code maxCostUsd} (spend over the whole run) shared out over the partitions in proportion
 * to their episodes (whole episodes by largest remainder, so that the shares add up to {@code maxEpisodes}; cost without
 * rounding), and {@code maxWallSeconds} counted from the job's start on the driver, the same for every task. A share never
 * passes to another partition. Null limits are no limits.
 */
record JobBudget(Integer maxEpisodes, Double maxCostUsd, Integer maxWallSeconds, Instant started, Partitions partitions)
        implements Serializable {
    JobBudget {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(partitions, "partitions");
        new Budget(maxCostUsd, maxEpisodes, maxWallSeconds); // the same bounds as a run's budget
    }

    static JobBudget of(Budget budget, Instant started, Partitions partitions) {
        return new JobBudget(budget.maxEpisodes(), budget.maxCostUsd(), budget.maxWallSeconds(), started, partitions);
    }

    boolean limitsCost() {
        return maxCostUsd != null;
    }

    /** Partition {@code p}'s share of {@code maxEpisodes}, or null without that limit. */
    Long episodes(int p) {
        if (maxEpisodes == null) return null;
        int n = partitions.count();
        long total = partitions.episodes();
        long[] shares = new long[n];
        long given = 0;
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long size = partitions.end(i) - partitions.first(i);
            shares[i] = maxEpisodes * size / total;
            given += shares[i];
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.<Integer>comparingLong(i -> -(maxEpisodes * (partitions.end(i) - partitions.first(i)) % total))
                .thenComparingInt(i -> i));
        for (int k = 0; k < maxEpisodes - given; k++) shares[byRemainder.get(k)]++;
        return shares[p];
    }

    /** Partition {@code p}'s share of {@code maxCostUsd}, or null without that limit. */
    Double costUsd(int p) {
        if (maxCostUsd == null) return null;
        return maxCostUsd * (partitions.end(p) - partitions.first(p)) / partitions.episodes();
    }

    /** When {@code maxWallSeconds} runs out, or null without that limit. */
    Instant deadline() {
        return maxWallSeconds == null ? null : started.plus(Duration.ofSeconds(maxWallSeconds));
    }

    /** A budget a partition reached: {@code budget} as the config names it ({@code maxEpisodes 10}) and the partition's share of it. */
    record Stop(String budget, String share) implements Serializable {
        Stop {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(share, "share");
        }

        @Override
        public String toString() {
            return budget + " (" + share + ")";
        }
    }

    /**
     * The budget that keeps partition {@code p} from starting another episode, or null: {@code episodes} it ran in this job
     * (started by this attempt, durable from its earlier attempts), {@code spentUsd} on its episodes over the whole run (every
     * durable episode, and those this attempt finished), at {@code now}.
     */
    Stop reached(int p, long episodes, double spentUsd, Instant now) {
        Long episodeShare = episodes(p);
        if (episodeShare != null && episodes >= episodeShare) {
            return new Stop("maxEpisodes " + maxEpisodes, "partition " + p + "'s share: " + episodeShare + " episodes");
        }
        Instant deadline = deadline();
        if (deadline != null && !now.isBefore(deadline)) {
            return new Stop("maxWallSeconds " + maxWallSeconds, "from the job's start at " + started);
        }
        Double costShare = costUsd(p);
        if (costShare != null && spentUsd >= costShare) {
            return new Stop("maxCostUsd " + maxCostUsd, String.format(Locale.ROOT, "partition %d's share: $%.6f, spent $%.6f", p, costShare, spentUsd));
        }
        return null;
    }
}
