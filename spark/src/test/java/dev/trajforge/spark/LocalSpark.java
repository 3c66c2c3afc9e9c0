package dev.trajforge.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local mode with two cores, no UI, a few shuffle partitions (the tests' data is small). */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(Class<?> test) {
        return SparkSession.builder().master("local[2]").appName(test.getSimpleName())
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }
}
