package io.digitnet.data;

import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;

/**
 * A Spark write into an {@link OutputDir}: the job writes the staging directory, which is
 * committed when the job succeeds and deleted when it fails, so that a failed job leaves
 * nothing behind.
 */
public final class StagedWrite {
    private static final long TASK_WAIT_MILLIS = 60_000;

    private StagedWrite() {}

    /** Runs {@code write} with the staging directory's path, then commits or cleans up. */
    public static void run(SparkContext sc, OutputDir output, Consumer<String> write) {
        String group = "digitnet-write-" + UUID.randomUUID();
        sc.setJobGroup(group, "write " + output.target(), false);
        try {
            write.accept(output.staging());
            output.commit();
        } catch (Throwable e) { // Spark's SparkException is checked, yet thrown undeclared
            awaitTasks(sc, group);
            output.abort();
            throw e;
        } finally {
            sc.clearJobGroup();
        }
    }

    /**
     * A job fails as soon as one task fails, while its other tasks are still being killed
     * and may still create files: wait until the group's stages have no running task, or
     * they would create the staging directory again after it was deleted.
     */
    private static void awaitTasks(SparkContext sc, String group) {
        long deadline = System.currentTimeMillis() + TASK_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && activeTasks(sc, group) > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int activeTasks(SparkContext sc, String group) {
        int active = 0;
        for (int jobId : sc.statusTracker().getJobIdsForGroup(group)) {
            SparkJobInfo job = sc.statusTracker().getJobInfo(jobId).getOrElse(() -> null);
            if (job == null) {
                continue;
            }
            for (int stageId : job.stageIds()) {
                SparkStageInfo stage = sc.statusTracker().getStageInfo(stageId).getOrElse(() -> null);
                if (stage != null) {
                    active += stage.numActiveTasks();
                }
            }
        }
        return active;
    }
}
