package dev.trajforge.spark;

import dev.trajforge.exporter.NearSketch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Near-dedup in rounds decides as the local exporter does, in episode order: an episode goes when it is a near
 * duplicate of an earlier <em>kept</em> one, whether that one is in its own partition or an earlier one.
 */
class NearRoundsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(NearRoundsTest.class);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * A sketch in a family: every member shares band key {@code family} and differs from the family's base in
     * the low bits of {@code drift} positions; members whose drifts are within 12 positions of each other agree
     * in at least 116 of 128 (0.9), further apart they do not.
     */
    private static Row episode(int part, long episode, long family, int drift) {
        long[] bands = new long[16];
        for (int b = 0; b < bands.length; b++) bands[b] = b == 0 ? family : episode * 100 + b;
        short[] low = new short[128];
        for (int i = 0; i < drift; i++) low[i] = (short) (i + 1);
        ByteBuffer keys = ByteBuffer.allocate(8 * bands.length);
        for (long key : bands) keys.putLong(key);
        return RowFactory.create(part, episode, new NearSketch(bands, low).toBytes(), keys.array());
    }

    /** Three partitions of ten episodes: [0, 10), [10, 20), [20, 30); rounds of {@code roundEpisodes}. */
    private static long[] removed(List<Row> rows, long roundEpisodes) {
        StructType schema = new StructType().add("part", DataTypes.IntegerType).add("episode", DataTypes.LongType)
                .add("sketch", DataTypes.BinaryType).add("bands", DataTypes.BinaryType);
        return new NearRounds(spark.createDataFrame(rows, schema), 0.9).removed(new Partitions(3, 10, 3), roundEpisodes);
    }

    private static List<Row> chains() {
        List<Row> rows = new ArrayList<>();
        // family 7, across partitions: 5 kept; 12 near 5, removed; 24 near 12 only: kept, since 12 is gone
        rows.add(episode(0, 5, 7, 0));
        rows.add(episode(1, 12, 7, 10));
        rows.add(episode(2, 24, 7, 20));
        // family 8, inside partition 1: the same chain
        rows.add(episode(1, 15, 8, 0));
        rows.add(episode(1, 16, 8, 10));
        rows.add(episode(1, 17, 8, 20));
        // family 7 again in partition 2, after 24: near 24 (kept in its own partition) and 12 (gone): removed
        rows.add(episode(2, 25, 7, 22));
        // family 9: not near anything (no shared band with family 7 even with equal low bits)
        rows.add(episode(2, 26, 9, 0));
        return rows;
    }

    @Test
    void should_remove_only_near_duplicates_of_kept_episodes_within_and_across_partitions() {
        assertArrayEquals(new long[] {12, 16, 25}, removed(chains(), 10));
    }

    @Test
    void should_decide_the_same_whatever_the_rounds_a_partition_is_cut_into() {
        assertArrayEquals(new long[] {12, 16, 25}, removed(chains(), 3));
        assertArrayEquals(new long[] {12, 16, 25}, removed(chains(), 1), "every episode its own round: all decided by the executors' scan");
    }

    @Test
    void should_decide_an_episode_by_episode_order_not_by_the_order_rows_arrive_in() {
        List<Row> rows = new ArrayList<>();
        rows.add(episode(0, 5, 7, 10));
        rows.add(episode(0, 3, 7, 0));
        rows.add(episode(0, 4, 7, 20));
        assertArrayEquals(new long[] {5}, removed(rows, 10));
    }

    @Test
    void should_remove_nothing_from_empty_partitions() {
        assertArrayEquals(new long[0], removed(List.of(episode(1, 14, 7, 0)), 10));
    }
}
