package io.digitnet.bench;

import io.digitnet.data.DigitLoader;
import io.digitnet.train.TrainSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench train}: in one Spark application, our trainer (test accuracy after every
 * epoch, off the clock), the same math on plain JVM threads (Spark's overhead), and
 * MLlib's MultilayerPerceptronClassifier on the same rows; then the Markdown report.
 */
public final class TrainBenchmark {
    /** Untimed plain-JVM epochs before anything is timed. */
    static final int WARM_UP_EPOCHS = 2;

    /**
     * @param train training images (the MNIST training file, or any input the loader reads)
     * @param test test images
     * @param settings our trainer's settings (the train command's defaults)
     * @param plainEpochs epochs of the plain-JVM run (0: skip it); at most settings.epochs()
     * @param mlpcIterations MLPC's maxIter settings, one fit each
     * @param mlpcBlockSizes block sizes tried before the sweep
     * @param mlpcProbeIterations maxIter of the block-size trials
     */
    public record Options(DigitLoader.Source train, DigitLoader.Source test, TrainSettings settings, int plainEpochs,
            List<Integer> mlpcIterations, List<Integer> mlpcBlockSizes, int mlpcProbeIterations) {
        public Options {
            if (plainEpochs < 0) {
                throw new IllegalArgumentException("plain-epochs: expected 0 or more, found " + plainEpochs);
            }
            if (mlpcIterations.isEmpty() || mlpcIterations.stream().anyMatch(i -> i == null || i < 1)) {
                throw new IllegalArgumentException("mlpc-iterations: expected numbers of 1 or more, found "
                        + mlpcIterations);
            }
            if (mlpcBlockSizes.isEmpty() || mlpcBlockSizes.stream().anyMatch(b -> b == null || b < 1)) {
                throw new IllegalArgumentException("mlpc-block-sizes: expected numbers of 1 or more, found "
                        + mlpcBlockSizes);
            }
            if (mlpcProbeIterations < 1) {
                throw new IllegalArgumentException("mlpc-probe-iterations: expected 1 or more, found "
                        + mlpcProbeIterations);
            }
            mlpcIterations = List.copyOf(mlpcIterations);
            mlpcBlockSizes = List.copyOf(mlpcBlockSizes);
        }
    }

    /** The report, and the figures it was made of. */
    public record Report(String markdown, OursBenchmark.Result ours, PlainBenchmark.Result plain,
            MlpcBenchmark.Result mlpc, Map<String, String> environment) {}

    private TrainBenchmark() {}

    public static Report run(SparkSession spark, Options options, String command, Consumer<String> log)
            throws InterruptedException {
        TrainSettings settings = options.settings();
        int plainEpochs = Math.min(options.plainEpochs(), settings.epochs());
        try (TestSet test = TestSet.load(spark, options.test())) {
            log.accept("bench: " + test.samples.count + " test images; our kernels: "
                    + io.digitnet.kernels.Kernels.describe());
            PlainBenchmark.Data plainData = null;
            if (plainEpochs > 0) {
                // Warms the JIT up on the shared code (nn's block passes and optimiser) before anything is
                // timed, so that neither our Spark run nor the plain one pays for compilation.
                plainData = PlainBenchmark.load(spark, options.train(), settings);
                PlainBenchmark.run(plainData, settings, Math.min(WARM_UP_EPOCHS, plainEpochs), "warm-up", log);
            }
            OursBenchmark.Result ours = OursBenchmark.run(spark, options.train(), settings, test, plainEpochs, log);
            PlainBenchmark.Result plain = null;
            if (plainEpochs > 0) {
                plain = PlainBenchmark.run(plainData, settings, plainEpochs, "plain", log);
                plainData = null;
                if (plain.trainRows() != ours.trainRows() || plain.validationRows() != ours.validationRows()) {
                    throw new IllegalStateException("bench: the plain trainer's rows (" + plain.trainRows() + " + "
                            + plain.validationRows() + ") are not TrainingData's (" + ours.trainRows() + " + "
                            + ours.validationRows() + "): the split no longer matches");
                }
            }
            MlpcBenchmark.Result mlpc = MlpcBenchmark.run(spark, options.train(), settings, test,
                    options.mlpcBlockSizes(), options.mlpcProbeIterations(), options.mlpcIterations(),
                    ours.trainRows(), log);
            Map<String, String> environment = BenchEnvironment.describe(spark);
            String markdown = BenchReport.markdown(command, ours, plain, mlpc, environment);
            return new Report(markdown, ours, plain, mlpc, environment);
        }
    }
}
