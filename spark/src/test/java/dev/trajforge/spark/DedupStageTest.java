package dev.trajforge.spark;

import dev.trajforge.exporter.Dedup;
import dev.trajforge.exporter.DedupFingerprint;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dedup stages over the fingerprints of a job's accepted episodes. */
class DedupStageTest {
    static final StructType FINGERPRINTS = new StructType().add("part", DataTypes.IntegerType).add("episode", DataTypes.LongType)
            .add("sha", DataTypes.StringType).add("sketch", DataTypes.BinaryType).add("features", SQLDataTypes.VectorType());
    static SparkSession spark;

    @TempDir
    Path scratch;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(DedupStageTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Row unshingled(int part, long episode, String sha) {
        return RowFactory.create(part, episode, sha, null, Vectors.sparse(DedupFingerprint.FEATURE_SPACE, new int[] {0}, new double[] {1}));
    }

    /** Episodes [0, 3) in part 0, [3, 6) in part 1, [6, 9) in part 2. */
    private List<String> removed(List<Row> rows, Dedup dedup) {
        Dataset<Row> removed = DedupStage.removed(spark.createDataFrame(rows, FINGERPRINTS), dedup, 7, scratch.toUri().toString(), new Partitions(3, 3, 3));
        return removed.orderBy("episode").collectAsList().stream().map(r -> r.getLong(0) + (r.getBoolean(1) ? " exact" : " near")).toList();
    }

    @Test
    void should_remove_nothing_when_no_episode_was_accepted() {
        assertEquals(List.of(), removed(List.of(), Dedup.DEFAULT));
    }

    @Test
    void should_keep_the_first_of_equal_contents_and_never_call_an_unshingled_episode_a_near_duplicate() {
        List<Row> rows = List.of(unshingled(0, 1, "aa"), unshingled(1, 5, "bb"), unshingled(2, 7, "aa"), unshingled(0, 0, "bb"), unshingled(2, 8, "cc"));
        assertEquals(List.of("5 exact", "7 exact"), removed(rows, Dedup.DEFAULT));
    }
}
