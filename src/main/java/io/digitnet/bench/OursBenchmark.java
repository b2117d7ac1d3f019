package io.digitnet.bench;

import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.train.Trainer;
import io.digitnet.train.TrainSettings;
import io.digitnet.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Our trainer as the train command runs it (TrainingData.prepare, then Trainer with the
 * same settings), with the test accuracy measured after every epoch on the clock's
 * pause: the seconds recorded are training seconds only. Preparing the data (decoding
 * and caching it) is timed apart, as MLPC's DataFrame is cached before its clock starts.
 * Unlike the train command it writes no checkpoints.
 */
final class OursBenchmark {

    /**
     * @param row the table row
     * @param epochSeconds each epoch's training seconds
     * @param snapshot the weights after epoch {@code snapshotEpoch} (for the plain-JVM check), or null
     * @param trainRows rows trained on
     * @param validationRows rows held out
     * @param prepareSeconds seconds TrainingData.prepare took (not in the table)
     */
    record Result(BenchRow row, List<Double> epochSeconds, Parameters snapshot, int snapshotEpoch, long trainRows,
            long validationRows, double prepareSeconds, String finalWeightsHash, List<Double> slowestTaskSeconds,
            List<Double> slowestTaskRunSeconds, double[] taskOverheadTotals) {}

    /** A fingerprint of every bit of the weights: equal weights, equal text. */
    static String fingerprint(Parameters p) {
        return String.format("%08x", java.util.Arrays.deepHashCode(p.weights) * 31 + java.util.Arrays.deepHashCode(p.biases));
    }

    private OursBenchmark() {}

    static Result run(SparkSession spark, DigitLoader.Source train, TrainSettings settings, TestSet test,
            int snapshotEpoch, Consumer<String> log) throws InterruptedException {
        long started = System.nanoTime();
        try (TrainingData data = TrainingData.prepare(DigitLoader.table(spark, train, 0), train.input(),
                settings.architecture().outputs(), settings.partitions(), settings.validationFraction(), settings.seed())) {
            double prepareSeconds = (System.nanoTime() - started) / 1e9;
            log.accept(String.format("ours: %d training rows in %d partitions, %d validation rows, prepared in %.1f s",
                    data.trainRows(), settings.partitions(), data.validationRows(), prepareSeconds));

            AccuracyCurve curve = new AccuracyCurve();
            List<Double> epochSeconds = new ArrayList<>();
            Parameters[] snapshot = new Parameters[1];
            double[] previous = {0};
            TrainingClock clock = new TrainingClock();
            Trainer trainer = new Trainer(settings, line -> log.accept("ours: " + line));
            Trainer.Progress start = trainer.start();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            TaskTimes tasks = new TaskTimes();
            spark.sparkContext().addSparkListener(tasks);
            jsc.setLocalProperty(TaskTimes.PROPERTY, "1");
            clock.run();
            Trainer.Progress done;
            try {
                done = trainer.train(jsc, data, start, progress -> {
                    double seconds = clock.pause();
                    int epoch = progress.epochsDone();
                    epochSeconds.add(seconds - previous[0]);
                    previous[0] = seconds;
                    double accuracy = Predictions.accuracy(settings.architecture(), progress.parameters, test.samples);
                    curve.add(epoch, seconds, accuracy);
                    if (epoch == snapshotEpoch) {
                        snapshot[0] = progress.parameters.copy();
                    }
                    log.accept(String.format("ours: epoch %d  test %.2f%%  training clock %.1f s", epoch,
                            100 * accuracy, seconds));
                    jsc.setLocalProperty(TaskTimes.PROPERTY, String.valueOf(epoch + 1));
                    clock.run();
                });
            } finally {
                jsc.setLocalProperty(TaskTimes.PROPERTY, null);
            }
            double total = clock.pause();
            // Listener events arrive asynchronously: wait for the last epoch's tasks.
            tasks.awaitTasks(epochSeconds.size(), settings.partitions() * settings.syncsPerEpoch(), 10_000);
            spark.sparkContext().removeSparkListener(tasks);
            double perEpoch = epochSeconds.isEmpty() ? Double.NaN : total / epochSeconds.size();
            String description = String.format("%s, strategy %s, %s lr %s %s schedule, batch %d, shift %d, "
                            + "%d partitions, %d epochs, seed %d; %d training rows, %d validation rows",
                    settings.architecture(), settings.strategy().id(), settings.optimizer().kind().id(),
                    settings.optimizer().learningRate(), settings.schedule().id(), settings.batchSize(),
                    settings.shiftPixels(), settings.partitions(), settings.epochs(), settings.seed(),
                    data.trainRows(), data.validationRows());
            return new Result(new BenchRow("ours", description, curve, perEpoch, "epoch"), epochSeconds,
                    snapshot[0], snapshotEpoch, data.trainRows(), data.validationRows(), prepareSeconds,
                    fingerprint(done.parameters), tasks.slowestTaskSeconds(epochSeconds.size()),
                    tasks.slowestRunSeconds(epochSeconds.size()), tasks.totals());
        }
    }
}
