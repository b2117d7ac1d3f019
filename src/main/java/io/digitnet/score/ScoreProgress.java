package io.digitnet.score;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.util.LongAccumulator;

/**
 * A progress line every few seconds while a long scoring job runs: tasks done, rows
 * scored so far (counted as tasks finish) and the rate, so that an overnight run can be
 * watched and a stuck one noticed.
 */
final class ScoreProgress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 10;

    private final ScheduledExecutorService timer;

    private ScoreProgress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ScoreProgress start(SparkContext sc, LongAccumulator rows, Consumer<String> log) {
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "score-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            int done = 0;
            int total = 0;
            for (int stageId : sc.statusTracker().getActiveStageIds()) {
                SparkStageInfo stage = sc.statusTracker().getStageInfo(stageId).getOrElse(() -> null);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                    total += stage.numTasks();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            log.accept(String.format("score: %d/%d tasks done, %d rows in finished tasks, %.0f s, %.0f rows/s",
                    done, total, rows.value(), seconds, rows.value() / seconds));
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return new ScoreProgress(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
