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

    @Option(
            names = "--master-timeout",
            paramLabel = "SECONDS",
            description = "give up when no spark:// master accepts a connection within this time "
                    + "(default: ${DEFAULT-VALUE})")
    int masterTimeout = 10;

    /**
     * The job's session: one already running in this JVM (a test's, a notebook's), the one
     * spark-submit set up, or an embedded local Spark.
     */
    SparkSession session(String jobName) {
        return session(jobName, java.util.Map.of());
    }

    /** As {@link #session(String)}, with {@code conf} for a session this job starts (a running one keeps its own). */
    SparkSession session(String jobName, java.util.Map<String, String> conf) {
        MasterUrl checked = checkedMaster();
        Options.positive(masterTimeout, "--master-timeout");
        var running = SparkSession.getActiveSession().orElse(() -> SparkSession.getDefaultSession());
        if (running.isDefined()) {
            return running.get();
        }
        if (checked != null) {
            checked.requireReachable(masterTimeout);
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

    /** --master, else spark-submit's (or spark-defaults') spark.master, checked; null for the local default. */
    private MasterUrl checkedMaster() {
        if (master != null) {
            return MasterUrl.parse(master, "--master");
        }
        String submitted = System.getProperty("spark.master");
        return submitted == null ? null : MasterUrl.parse(submitted, "spark.master");
    }
}
