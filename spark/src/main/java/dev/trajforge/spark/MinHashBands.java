package dev.trajforge.spark;

import dev.trajforge.exporter.DedupFingerprint;
import dev.trajforge.exporter.NearSketch;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

import java.nio.ByteBuffer;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Candidate band keys from MLlib's {@link MinHashLSH}: its model supplies 128 min-hash functions over the
 * episodes' shingles (the {@code hashes} it outputs, one value per hash table), and they are banded as the
 * local exporter bands its own signature at the threshold (16 bands of 8 at 0.9): two episodes are
 * candidates when all the values of one band agree. MLlib's own {@code approxSimilarityJoin} ORs single
 * hashes, which on conversations sharing most shingles makes every pair a candidate; the bands AND them.
 *
 * <p>The model depends on the seed and the feature space only (MLlib draws its hash coefficients from
 * them), so it is fitted on a one-row frame and applied to the episodes where they are computed.
 */
final class MinHashBands {
    static final int HASH_FUNCTIONS = 128;

    private final MinHashLSHModel model;
    private final int rows;

    MinHashBands(SparkSession spark, double threshold, long seed) {
        this.rows = HASH_FUNCTIONS / NearSketch.bands(threshold);
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType());
        Dataset<Row> one = spark.createDataFrame(List.of(RowFactory.create(Vectors.sparse(DedupFingerprint.FEATURE_SPACE, new int[] {0}, new double[] {1}))), schema);
        this.model = new MinHashLSH().setNumHashTables(HASH_FUNCTIONS).setSeed(seed).setInputCol("features").setOutputCol("hashes").fit(one);
    }

    /** {@code frame} with its {@code features} column replaced by {@code bands}: the band keys as bytes ({@link #keys}). */
    Dataset<Row> withBands(Dataset<Row> frame) {
        int bandRows = rows;
        UserDefinedFunction bands = udf((UDF1<Seq<Vector>, byte[]>) hashes -> bandKeyBytes(hashes, bandRows), DataTypes.BinaryType);
        return model.transform(frame).withColumn("bands", bands.apply(col("hashes"))).drop("hashes", "features");
    }

    private static byte[] bandKeyBytes(Seq<Vector> hashes, int rows) {
        ByteBuffer out = ByteBuffer.allocate(8 * (hashes.size() / rows));
        for (int band = 0; band < hashes.size() / rows; band++) {
            long h = mix(band + 0x9e3779b97f4a7c15L);
            for (int i = band * rows; i < (band + 1) * rows; i++) {
                h = mix(h ^ (long) hashes.apply(i).apply(0)) + 0x9e3779b97f4a7c15L;
            }
            out.putLong(h);
        }
        return out.array();
    }

    /** The band keys of a {@code bands} value. */
    static long[] keys(byte[] bands) {
        long[] keys = new long[bands.length / 8];
        ByteBuffer.wrap(bands).asLongBuffer().get(keys);
        return keys;
    }

    /** The SplitMix64 finalizer, to fold a band's hash values into its key. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
