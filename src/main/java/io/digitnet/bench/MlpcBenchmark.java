package io.digitnet.bench;

import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.train.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark MLlib's MultilayerPerceptronClassifier on the same training rows (cached and
 * counted before any clock starts), L-BFGS, tol 0 so that every fit runs its maxIter.
 * MLPC reports no progress per iteration, so each maxIter setting is a separate fit from
 * the same seed; a threshold's time is the fit time of the smallest maxIter that reaches
 * it. First an untimed one-iteration fit warms the JIT up; then short fits at each block
 * size pick the faster one per iteration for the sweep.
 */
final class MlpcBenchmark {

    /** One timed fit. */
    record Fit(int maxIter, int blockSize, double seconds, int iterations, double accuracy) {
        double secondsPerIteration() {
            return seconds / Math.max(1, iterations);
        }
    }

    /**
     * @param row the table row
     * @param probes the block-size trials
     * @param blockSize the block size the sweep used
     * @param sweep the fits of the sweep, by maxIter
     */
    record Result(BenchRow row, List<Fit> probes, int blockSize, List<Fit> sweep, long trainRows) {}

    private MlpcBenchmark() {}

    static Result run(SparkSession spark, DigitLoader.Source train, TrainSettings settings, TestSet test,
            List<Integer> blockSizes, int probeIterations, List<Integer> iterations, long expectedRows,
            Consumer<String> log) {
        TrainingSplit split = new TrainingSplit(settings.seed(), settings.validationFraction(), settings.partitions());
        Dataset<Row> frame = DigitLoader.vectors(spark, train, 0)
                .filter(split.trainingRow())
                .repartition(settings.partitions(), col(DigitFrames.ID))
                .select(col(DigitFrames.LABEL).cast(DataTypes.DoubleType).as(DigitFrames.LABEL),
                        col(DigitFrames.FEATURES))
                .cache();
        try {
            long rows = frame.count();
            if (expectedRows >= 0 && rows != expectedRows) {
                throw new IllegalStateException("bench: MLPC's training frame has " + rows
                        + " rows, our trainer's " + expectedRows + ": the split no longer matches TrainingData's");
            }
            int[] layers = settings.architecture().sizes();
            log.accept(String.format("mlpc: %d training rows in %d partitions (cached); warming up", rows,
                    frame.rdd().getNumPartitions()));
            fit(frame, test, layers, settings.seed(), 1, blockSizes.get(0), false);

            List<Fit> probes = new ArrayList<>();
            Fit fastest = null;
            for (int blockSize : blockSizes) {
                Fit probe = fit(frame, test, layers, settings.seed(), probeIterations, blockSize, false);
                probes.add(probe);
                log.accept(String.format("mlpc: blockSize %d: %d iterations in %.2f s, %.3f s per iteration",
                        blockSize, probe.iterations(), probe.seconds(), probe.secondsPerIteration()));
                if (fastest == null || probe.secondsPerIteration() < fastest.secondsPerIteration()) {
                    fastest = probe;
                }
            }
            int blockSize = fastest.blockSize();

            AccuracyCurve curve = new AccuracyCurve();
            List<Fit> sweep = new ArrayList<>();
            for (int maxIter : iterations.stream().sorted().distinct().toList()) {
                Fit fit = fit(frame, test, layers, settings.seed(), maxIter, blockSize, true);
                sweep.add(fit);
                curve.add(maxIter, fit.seconds(), fit.accuracy());
                log.accept(String.format("mlpc: maxIter %d (blockSize %d): %d iterations in %.2f s, test %.2f%%",
                        maxIter, blockSize, fit.iterations(), fit.seconds(), 100 * fit.accuracy()));
            }
            Fit longest = sweep.get(sweep.size() - 1);
            String description = String.format("MultilayerPerceptronClassifier, layers %s, solver l-bfgs, tol 0, "
                            + "seed %d, blockSize %d, maxIter %s; %d training rows in %d partitions",
                    settings.architecture().sizesText(), settings.seed(), blockSize,
                    iterations.stream().sorted().distinct().map(String::valueOf).toList(), rows,
                    frame.rdd().getNumPartitions());
            return new Result(new BenchRow("MLPC", description, curve, longest.secondsPerIteration(), "iteration"),
                    probes, blockSize, sweep, rows);
        } finally {
            frame.unpersist(false);
        }
    }

    private static Fit fit(Dataset<Row> frame, TestSet test, int[] layers, long seed, int maxIter, int blockSize,
            boolean measure) {
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
                .setLayers(layers)
                .setSolver("l-bfgs")
                .setMaxIter(maxIter)
                .setTol(0.0)
                .setSeed(seed)
                .setBlockSize(blockSize);
        long started = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mlpc.fit(frame);
        double seconds = (System.nanoTime() - started) / 1e9;
        int done = model.hasSummary() ? model.summary().totalIterations() : maxIter;
        double accuracy = measure ? test.accuracy(model) : Double.NaN;
        return new Fit(maxIter, blockSize, seconds, done, accuracy);
    }
}
