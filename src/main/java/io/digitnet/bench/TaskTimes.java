package io.digitnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where a Spark epoch's seconds go: the benchmark tags each epoch's jobs with a local
 * property, and this listener keeps, per epoch, the slowest task's wall time (launch to
 * finish) and its run time (executorRunTime: the work in the task's own code). What the
 * epoch took beyond the slowest task is the driver's share (broadcast, scheduling,
 * collecting and averaging the results, the validation pass).
 */
final class TaskTimes extends SparkListener {
    static final String PROPERTY = "digitnet.bench.epoch";

    /** One epoch's tasks. */
    static final class Epoch {
        int tasks;
        long slowestDurationMs;
        long slowestRunMs;
        long deserializeMs;
        long resultSerializationMs;
        long gcMs;
    }

    private final Map<Integer, Integer> stageEpochs = new ConcurrentHashMap<>();
    private final Map<Integer, Epoch> epochs = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        String epoch = event.properties() == null ? null : event.properties().getProperty(PROPERTY);
        if (epoch != null) {
            stageEpochs.put(event.stageInfo().stageId(), Integer.parseInt(epoch));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        Integer epoch = stageEpochs.get(event.stageId());
        TaskMetrics metrics = event.taskMetrics();
        if (epoch == null || metrics == null) {
            return;
        }
        synchronized (this) {
            Epoch e = epochs.computeIfAbsent(epoch, k -> new Epoch());
            e.tasks++;
            e.slowestDurationMs = Math.max(e.slowestDurationMs, event.taskInfo().duration());
            e.slowestRunMs = Math.max(e.slowestRunMs, metrics.executorRunTime());
            e.deserializeMs += metrics.executorDeserializeTime();
            e.resultSerializationMs += metrics.resultSerializationTime();
            e.gcMs += metrics.jvmGCTime();
            notifyAll();
        }
    }

    /** Waits (at most {@code timeoutMs}) until epoch {@code epoch} has reported {@code tasks} tasks. */
    synchronized void awaitTasks(int epoch, int tasks, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (tasksOf(epoch) < tasks && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    private int tasksOf(int epoch) {
        Epoch e = epochs.get(epoch);
        return e == null ? 0 : e.tasks;
    }

    /** The slowest task's wall seconds for epochs 1..n (NaN where nothing was reported). */
    synchronized List<Double> slowestTaskSeconds(int n) {
        List<Double> out = new ArrayList<>();
        for (int epoch = 1; epoch <= n; epoch++) {
            Epoch e = epochs.get(epoch);
            out.add(e == null ? Double.NaN : e.slowestDurationMs / 1e3);
        }
        return out;
    }

    /** The slowest task's run seconds (executorRunTime) for epochs 1..n. */
    synchronized List<Double> slowestRunSeconds(int n) {
        List<Double> out = new ArrayList<>();
        for (int epoch = 1; epoch <= n; epoch++) {
            Epoch e = epochs.get(epoch);
            out.add(e == null ? Double.NaN : e.slowestRunMs / 1e3);
        }
        return out;
    }

    /** Deserialisation + result serialisation + GC seconds summed over all tasks and epochs. */
    synchronized double[] totals() {
        double deserialize = 0;
        double serialize = 0;
        double gc = 0;
        for (Epoch e : epochs.values()) {
            deserialize += e.deserializeMs / 1e3;
            serialize += e.resultSerializationMs / 1e3;
            gc += e.gcMs / 1e3;
        }
        return new double[] {deserialize, serialize, gc};
    }
}
