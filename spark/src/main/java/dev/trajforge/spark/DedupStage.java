package dev.trajforge.spark;

import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.DedupFingerprint;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.api.java.UDF2;
import scala.collection.Seq;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Dedup over all partitions as Spark stages, deciding what the local exporter decides in episode order:
 * <ul>
 * <li>exact: episodes grouped by content hash through a shuffle; the lowest episode of a group is kept,
 *     the others are exact duplicates;</li>
 * <li>near, among the kept: MLlib's {@link MinHashLSH} proposes candidate pairs over the same shingles
 *     (a distance bound looser than the threshold), and each pair is confirmed by the local rule on the
 *     local MinHash signatures (a shared band and the threshold); then, in episode order, an episode is
 *     removed when it is a near duplicate of an earlier kept one, decided in rounds from the episodes
 *     nothing earlier points at.</li>
 * </ul>
 * Where the results can differ: the local exporter finds candidates by its own LSH banding only; here a
 * pair must also be one MLlib's hash tables propose, which misses a pair with a probability the
 * candidate bound keeps small (README, "Spark").
 */
final class DedupStage {
    static final int HASH_TABLES = 8;
    /** how much looser than the threshold MinHashLSH's candidate distance is */
    static final double SLACK = 0.2;

    private DedupStage() {
    }

    /** The episodes dedup removes: {@code episode}, {@code exact} (false: a near duplicate). */
    static Dataset<Row> removed(Dataset<Row> fingerprints, Dedup dedup, long seed) {
        Dataset<Row> reps = fingerprints;
        Dataset<Row> members = null;
        if (dedup.exact()) {
            Dataset<Row> firsts = fingerprints.groupBy("sha").agg(min("episode").as("rep"));
            Dataset<Row> grouped = fingerprints.join(firsts, "sha");
            reps = grouped.filter(col("episode").equalTo(col("rep"))).select("episode", "signature", "features");
            members = grouped.filter(col("episode").notEqual(col("rep"))).select("episode", "rep");
        }
        Dataset<Row> nearRemoved = dedup.near() ? nearRemoved(reps, dedup.nearThreshold(), seed) : null;
        Dataset<Row> removed = nearRemoved == null ? null : nearRemoved.select(col("episode"), lit(false).as("exact"));
        if (members != null) {
            // an exact duplicate of a kept episode; of a removed one, it goes as the near duplicate its group was
            Dataset<Row> byRep = nearRemoved == null
                    ? members.withColumn("exact", lit(true))
                    : members.join(nearRemoved.withColumnRenamed("episode", "rep").withColumn("gone", lit(true)), new String[] {"rep"}, "left")
                            .select(col("episode"), col("gone").isNull().as("exact"));
            removed = removed == null ? byRep.select("episode", "exact") : removed.unionByName(byRep.select("episode", "exact"));
        }
        return removed != null ? removed
                : fingerprints.sparkSession().emptyDataFrame().selectExpr("cast(null as bigint) as episode", "cast(null as boolean) as exact").limit(0);
    }

    private static Dataset<Row> nearRemoved(Dataset<Row> reps, double threshold, long seed) {
        Dataset<Row> shingled = reps.filter(size(col("signature")).gt(0)); // nothing to shingle: never a near duplicate, as locally
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(HASH_TABLES).setSeed(seed)
                .setInputCol("features").setOutputCol("hashes").fit(shingled);
        UserDefinedFunction near = udf((UDF2<Seq<Long>, Seq<Long>, Boolean>) (a, b) -> DedupFingerprint.nearDuplicate(longs(a), longs(b), threshold),
                DataTypes.BooleanType);
        // edges a -> b: b (later) is a near duplicate of a
        Dataset<Row> edges = model.approxSimilarityJoin(shingled, shingled, Math.min(1.0, 1.0 - threshold + SLACK), "distance")
                .filter(col("datasetA.episode").lt(col("datasetB.episode")))
                .filter(near.apply(col("datasetA.signature"), col("datasetB.signature")))
                .select(col("datasetA.episode").as("a"), col("datasetB.episode").as("b"))
                .localCheckpoint();
        Dataset<Row> nodes = edges.select(col("a").as("node")).union(edges.select(col("b").as("node"))).distinct();
        // state 1: kept, 2: removed; an episode nothing earlier points at is kept
        Dataset<Row> state = nodes.join(edges.select(col("b").as("node")).distinct(), new String[] {"node"}, "left_anti")
                .withColumn("state", lit(1)).localCheckpoint();
        long decided = state.count();
        long total = nodes.count();
        while (decided < total) {
            // an undecided episode is removed once any earlier neighbour is kept, kept once all are removed
            Dataset<Row> incoming = edges.join(state.withColumnRenamed("node", "a").withColumnRenamed("state", "sa"), new String[] {"a"}, "left")
                    .groupBy("b")
                    .agg(max(when(col("sa").equalTo(1), 1).otherwise(0)).as("anyKept"),
                            min(coalesce(when(col("sa").equalTo(2), 1).otherwise(0), lit(0))).as("allRemoved"));
            Dataset<Row> now = incoming.withColumnRenamed("b", "node").join(state, new String[] {"node"}, "left_anti")
                    .filter(col("anyKept").equalTo(1).or(col("allRemoved").equalTo(1)))
                    .select(col("node"), when(col("anyKept").equalTo(1), 2).otherwise(1).as("state"));
            state = state.union(now).localCheckpoint();
            long after = state.count();
            if (after == decided) throw new IllegalStateException("near-dedup made no progress with " + (total - decided) + " episodes undecided");
            decided = after;
        }
        return state.filter(col("state").equalTo(2)).select(col("node").as("episode"));
    }

    private static long[] longs(Seq<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.apply(i);
        return out;
    }
}
