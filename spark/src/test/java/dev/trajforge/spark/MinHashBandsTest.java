package dev.trajforge.spark;

import dev.trajforge.exporter.DedupFingerprint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MLlib's MinHashLSH hashes, banded as the local exporter bands: candidates are episodes that agree on a whole band. */
class MinHashBandsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(MinHashBandsTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Band keys per episode, for shingle sets given as feature indices. */
    private static List<long[]> bands(double threshold, long seed, int[]... shingles) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shingles.length; i++) {
            double[] ones = new double[shingles[i].length];
            Arrays.fill(ones, 1.0);
            rows.add(RowFactory.create((long) i, Vectors.sparse(DedupFingerprint.FEATURE_SPACE, shingles[i], ones)));
        }
        StructType schema = new StructType().add("episode", DataTypes.LongType).add("features", SQLDataTypes.VectorType());
        List<long[]> out = new ArrayList<>();
        for (Row row : new MinHashBands(spark, threshold, seed).withBands(spark.createDataFrame(rows, schema)).orderBy("episode").collectAsList()) {
            out.add(MinHashBands.keys(row.getAs("bands")));
        }
        return out;
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static int shared(long[] a, long[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) if (a[i] == b[i]) n++;
        return n;
    }

    @Test
    void should_band_as_the_local_exporter_does_at_the_threshold() {
        assertEquals(16, bands(0.9, 7, range(0, 100)).get(0).length, "16 bands of 8 at 0.9");
        assertEquals(32, bands(0.8, 7, range(0, 100)).get(0).length, "32 bands of 4 at 0.8");
    }

    @Test
    void should_give_equal_shingle_sets_equal_bands_and_disjoint_ones_none_in_common() {
        List<long[]> bands = bands(0.9, 7, range(0, 300), range(0, 300), range(1000, 1300));
        assertArrayEquals(bands.get(0), bands.get(1));
        assertEquals(0, shared(bands.get(0), bands.get(2)));
        assertEquals(bands.get(0).length, Arrays.stream(bands.get(0)).distinct().count(), "a key names its band: no two bands share one");
    }

    @Test
    void should_make_near_sets_candidates_far_more_often_than_distant_ones() {
        // Jaccard 290/310 = 0.94 against 150/450 = 0.33: 16 x 8 bands make the first a candidate almost surely, the second almost never
        int near = 0;
        int far = 0;
        for (long seed = 1; seed <= 5; seed++) {
            List<long[]> bands = bands(0.9, seed, range(0, 300), range(10, 310), range(150, 450));
            near += shared(bands.get(0), bands.get(1));
            far += shared(bands.get(0), bands.get(2));
        }
        assertTrue(near >= 20, "bands shared by the near pair over 5 seeds: " + near);
        assertEquals(0, far, "bands shared by the distant pair over 5 seeds");
    }

    @Test
    void should_depend_on_the_seed_only_not_on_the_data_it_is_fitted_with() {
        assertArrayEquals(bands(0.9, 11, range(0, 50)).get(0), bands(0.9, 11, range(500, 600), range(0, 50)).get(1));
    }
}
