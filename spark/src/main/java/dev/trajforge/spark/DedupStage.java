package dev.trajforge.spark;

import dev.trajforge.exporter.Dedup;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

/**
 * Dedup over all partitions as Spark stages, deciding what the local exporter decides in episode order:
 * <ul>
 * <li>exact: episodes grouped by content hash through a shuffle; the lowest episode of a group is kept,
 *     the others are exact duplicates;</li>
 * <li>near, among the kept: candidates from MLlib's MinHashLSH hash functions, banded ({@link MinHashBands}),
 *     each confirmed by the local rule on the episode's local sketch (a shared local band and the
 *     threshold), and decided in episode order a partition per round ({@link NearRounds}).</li>
 * </ul>
 * The fingerprints, the exact duplicates and the near-dedup candidates are written once as Parquet under the
 * scratch directory (partitioned by collection partition, so that a round reads only its own partition and
 * the executors scan the earlier ones): nothing of them is cached in memory, and a lost executor loses none.
 *
 * <p>Where the results can differ: the local exporter's candidates are the pairs sharing a band of its own
 * signature; here a pair must also share a band of MLlib's hashes. A pair at Jaccard similarity {@code s}
 * misses that with probability {@code (1 - s^rows)^bands} (at the 0.9 default, 16 x 8: 1.2e-4 at s = 0.9,
 * 2.8e-8 at s = 0.95), and then the job keeps an episode the local run removes (README, "Spark").
 */
final class DedupStage {
    /** The most episodes a near-dedup round decides: the driver holds their sketches, about 600 bytes each. */
    static final long ROUND_EPISODES = 65_536;

    private DedupStage() {
    }

    /**
     * The episodes dedup removes: {@code episode}, {@code exact} (false: a near duplicate), from
     * {@code fingerprints} ({@code part}, {@code episode}, {@code sha}, {@code sketch}, {@code features}).
     */
    static Dataset<Row> removed(Dataset<Row> fingerprints, Dedup dedup, long seed, String scratch, Partitions partitions) {
        SparkSession spark = fingerprints.sparkSession();
        Dataset<Row> banded = dedup.near()
                ? new MinHashBands(spark, dedup.nearThreshold(), seed).withBands(fingerprints)
                : fingerprints.drop("features");
        String all = scratch + "/fingerprints";
        banded.write().mode("overwrite").partitionBy("part").parquet(all);
        Dataset<Row> stored = spark.read().schema(banded.schema()).parquet(all); // the schema given: no files when nothing was accepted

        Dataset<Row> members = null; // an exact duplicate and the episode it repeats
        Dataset<Row> candidates = stored;
        if (dedup.exact()) {
            Dataset<Row> firsts = stored.groupBy("sha").agg(min("episode").as("rep"));
            stored.select("episode", "sha").join(firsts, "sha").filter(col("episode").notEqual(col("rep"))).select("episode", "rep")
                    .write().mode("overwrite").parquet(scratch + "/exact");
            members = spark.read().schema("episode BIGINT, rep BIGINT").parquet(scratch + "/exact");
            if (dedup.near()) {
                String reps = scratch + "/representatives";
                stored.filter(col("sketch").isNotNull()).join(members, new String[] {"episode"}, "left_anti")
                        .select("part", "episode", "sketch", "bands").repartition(col("part"))
                        .write().mode("overwrite").partitionBy("part").parquet(reps);
                candidates = spark.read().schema(stored.select("part", "episode", "sketch", "bands").schema()).parquet(reps);
            }
        }
        Dataset<Row> nearRemoved = null;
        if (dedup.near()) {
            long[] gone = new NearRounds(candidates.filter(col("sketch").isNotNull()), dedup.nearThreshold()).removed(partitions, ROUND_EPISODES);
            nearRemoved = spark.createDataset(Arrays.stream(gone).boxed().toList(), Encoders.LONG()).toDF("episode");
        }
        Dataset<Row> removed = nearRemoved == null ? null : nearRemoved.select(col("episode"), lit(false).as("exact"));
        if (members != null) {
            // an exact duplicate of a kept episode; of a removed one, it goes as the near duplicate its group was
            Dataset<Row> byRep = nearRemoved == null
                    ? members.withColumn("exact", lit(true))
                    : members.join(nearRemoved.withColumnRenamed("episode", "rep").withColumn("gone", lit(true)), new String[] {"rep"}, "left")
                            .select(col("episode"), col("gone").isNull().as("exact"));
            removed = removed == null ? byRep.select("episode", "exact") : removed.unionByName(byRep.select("episode", "exact"));
        }
        return removed;
    }
}
