package dev.trajforge.spark;

import dev.trajforge.exporter.NearSketch;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Near-dedup decided in episode order, one range of episodes per round (a collection partition, or a slice of
 * one), exactly as the local exporter decides it for the candidates the bands propose: an episode is removed
 * when it is a near duplicate of an earlier kept one. A round:
 * <ol>
 * <li>its episodes' sketches and band keys come to the driver (a few hundred bytes each) and are broadcast
 *     as an index by band key;</li>
 * <li>the executors scan the kept episodes before the round (those not in the removed list, which is
 *     broadcast too) and name every episode of the round that is a near duplicate of one of them;</li>
 * <li>the driver walks the rest in episode order against the round's own kept ones.</li>
 * </ol>
 * Each comparison is against kept episodes only, never every pair: the cost grows with (episodes x kept
 * episodes sharing a band), as in the local exporter. The driver holds one round's sketches and the ids of
 * the removed episodes; the Parquet files {@code reps} is read from are partitioned by {@code part}, so a
 * round reads its own partition's files and the scan those of the partitions up to its own.
 */
final class NearRounds {
    private final Dataset<Row> reps;
    private final double threshold;
    private final JavaSparkContext context;

    /** {@code reps}: {@code part}, {@code episode}, {@code sketch} ({@link NearSketch} bytes) and {@code bands} of the episodes to decide. */
    NearRounds(Dataset<Row> reps, double threshold) {
        this.reps = reps;
        this.threshold = threshold;
        this.context = JavaSparkContext.fromSparkContext(reps.sparkSession().sparkContext());
    }

    /** The round's episodes in order, their sketches and an index of their band keys. */
    record Round(long[] episodes, NearSketch[] sketches, long[][] bands, BandIndex index) implements Serializable {
        static Round of(List<Row> rows) {
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingLong(row -> row.getLong(0)));
            int n = sorted.size();
            long[] episodes = new long[n];
            NearSketch[] sketches = new NearSketch[n];
            long[][] bands = new long[n][];
            BandIndex index = new BandIndex();
            for (int i = 0; i < n; i++) {
                Row row = sorted.get(i);
                episodes[i] = row.getLong(0);
                sketches[i] = NearSketch.fromBytes(row.getAs(1));
                bands[i] = MinHashBands.keys(row.getAs(2));
                index.add(i, bands[i]);
            }
            return new Round(episodes, sketches, bands, index);
        }
    }

    /**
     * The removed episodes, ascending. A round is a range of at most {@code roundEpisodes} episodes inside one
     * partition, so the driver holds at most that many episodes' sketches whatever the partitions' size.
     */
    long[] removed(Partitions partitions, long roundEpisodes) {
        if (roundEpisodes < 1) throw new IllegalArgumentException("a round has at least one episode, got " + roundEpisodes);
        long[] gone = new long[1024];
        int goneCount = 0;
        for (int p = 0; p < partitions.count(); p++) {
            for (long from = partitions.first(p); from < partitions.end(p); from += roundEpisodes) {
                long to = Math.min(from + roundEpisodes, partitions.end(p));
                Round round = Round.of(reps.filter(col("part").equalTo(p).and(col("episode").geq(from)).and(col("episode").lt(to)))
                        .select("episode", "sketch", "bands").collectAsList());
                if (round.episodes().length == 0) continue;
                Set<Long> removedByEarlier = from == 0 ? Set.of()
                        : removedByEarlierRounds(round, Arrays.copyOf(gone, goneCount), col("part").leq(p).and(col("episode").lt(from)));
                BandIndex kept = new BandIndex();
                List<NearSketch> keptSketches = new ArrayList<>();
                for (int i = 0; i < round.episodes().length; i++) {
                    boolean near = removedByEarlier.contains(round.episodes()[i]);
                    for (int k : near ? new int[0] : kept.candidates(round.bands()[i])) {
                        if (round.sketches()[i].nearDuplicateOf(keptSketches.get(k), threshold)) {
                            near = true;
                            break;
                        }
                    }
                    if (near) {
                        if (goneCount == gone.length) gone = Arrays.copyOf(gone, goneCount * 2);
                        gone[goneCount++] = round.episodes()[i];
                    } else {
                        kept.add(keptSketches.size(), round.bands()[i]);
                        keptSketches.add(round.sketches()[i]);
                    }
                }
            }
        }
        return Arrays.copyOf(gone, goneCount);
    }

    /** The episodes of {@code round} that are near duplicates of a kept episode of an earlier partition. */
    private Set<Long> removedByEarlierRounds(Round round, long[] removedSoFar, Column earlier) {
        Broadcast<Round> shared = context.broadcast(round);
        Broadcast<long[]> removed = context.broadcast(removedSoFar);
        double t = threshold;
        try {
            List<Long> hits = reps.filter(earlier).select("episode", "sketch", "bands")
                    .mapPartitions((MapPartitionsFunction<Row, Long>) rows -> {
                        Round index = shared.value();
                        long[] gone = removed.value();
                        List<Long> out = new ArrayList<>();
                        while (rows.hasNext()) {
                            Row row = rows.next();
                            if (Arrays.binarySearch(gone, row.getLong(0)) >= 0) continue;
                            int[] candidates = index.index().candidates(MinHashBands.keys(row.getAs(2)));
                            if (candidates.length == 0) continue;
                            NearSketch kept = NearSketch.fromBytes(row.getAs(1));
                            for (int c : candidates) {
                                if (index.sketches()[c].nearDuplicateOf(kept, t)) out.add(index.episodes()[c]);
                            }
                        }
                        return out.iterator();
                    }, Encoders.LONG())
                    .distinct().collectAsList();
            return new HashSet<>(hits);
        } finally {
            shared.destroy();
            removed.destroy();
        }
    }
}
