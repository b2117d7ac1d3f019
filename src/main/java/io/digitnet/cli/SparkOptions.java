package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** What a session may take to start on top of --master-timeout, before its master registers it. */
    private static final int STARTUP_SECONDS = 20;

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
        if (checked != null && !checked.standalone().isEmpty()) {
            return registeredWithin(builder, checked, masterTimeout + STARTUP_SECONDS);
        }
        return builder.getOrCreate();
    }

    /**
     * The session on a standalone cluster, if its master registers it within {@code seconds}:
     * where something else answers at the master's port, Spark would retry for over a minute.
     */
    private static SparkSession registeredWithin(SparkSession.Builder builder, MasterUrl master, int seconds) {
        FutureTask<SparkSession> starting = new FutureTask<>(builder::getOrCreate);
        Thread thread = new Thread(starting, "digitnet session start");
        thread.setDaemon(true); // left behind on a timeout, it must not keep the JVM alive
        thread.start();
        try {
            return starting.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new BadInputException(master.option() + " " + master.url() + ": no Spark master registered this "
                    + "job within " + seconds + " s (a master that wants a secret refuses jobs without it; or what "
                    + "answers there is no Spark master)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause()); // Spark's checked SparkException, thrown undeclared
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Spark", e);
        }
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
