package io.digitnet.testing;

import org.apache.spark.sql.SparkSession;

/** The local[2] SparkSession a test class starts once and stops when it is done. */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession start(Class<?> testClass) {
        return builder(testClass).getOrCreate();
    }

    /** The builder of that session, for a test class that needs more settings. */
    public static SparkSession.Builder builder(Class<?> testClass) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.hadoop.fs.file.impl", io.digitnet.data.LocalFiles.class.getName()); // as conf/spark-defaults.conf
    }

    public static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
    }
}
