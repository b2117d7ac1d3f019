package io.digitnet.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every Spark job shares, and the session they describe. */
final class SparkOptions {
    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077 "
                    + "(default: spark-submit's master, else local[*]: the embedded local Spark)")
    String master;

    /**
     * The job's session: one already running in this JVM (a test's, a notebook's), the one
     * spark-submit set up, or an embedded local Spark.
     */
    SparkSession session(String jobName) {
        return session(jobName, java.util.Map.of());
    }

    /** As {@link #session(String)}, with {@code conf} for a session this job starts (a running one keeps its own). */
    SparkSession session(String jobName, java.util.Map<String, String> conf) {
        var running = SparkSession.getActiveSession().orElse(() -> SparkSession.getDefaultSession());
        if (running.isDefined()) {
            return running.get();
        }
        SparkSession.Builder builder = SparkSession.builder().appName("digitnet " + jobName);
        conf.forEach(builder::config);
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }
}
