package io.digitnet.bench;

import static io.digitnet.bench.BenchReport.f1;
import static io.digitnet.bench.BenchReport.f2;
import static io.digitnet.bench.BenchReport.line;
import static io.digitnet.bench.BenchReport.percent2;
import static io.digitnet.bench.BenchReport.ratio;
import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.ml.DigitNetClassifier;
import io.digitnet.ml.DigitNetModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench ml}: Spark ML's own tools on both networks, in one application. A
 * TrainValidationSplit over a grid of layer sizes, {@code parallelism} the grid's size, with
 * MLlib's MultilayerPerceptronClassifier and with DigitNetClassifier (whose parallel fits
 * gather into shared passes): wall seconds, best validation accuracy, the chosen layers and
 * their test accuracy. Then each chosen model's {@code transform} on the score benchmark's
 * rows (make-scale-data's, made once in the scratch folder), Parquet to Parquet.
 */
public final class MlBenchmark {
    private static final String EVALUATED = "accuracy";

    private MlBenchmark() {}

    /**
     * @param layers the grid's layer sizes, inputs first
     * @param mlpcIterations MLPC's maxIter
     * @param rows rows of the transform comparison
     * @param runs transform runs of each model; the fastest counts
     */
    public record Options(DigitLoader.Source train, DigitLoader.Source test, List<int[]> layers, int epochs,
            int mlpcIterations, double trainRatio, long rows, int runs, String scratch, long seed) {}

    /** One tuning: how long, the best validation accuracy, the chosen model and its layers. */
    record Tuned(double seconds, double validation, int[] layers, Model<?> best, double test) {}

    public static String run(SparkSession spark, Options options, String command, Consumer<String> log) {
        Dataset<Row> train = DigitLoader.vectors(spark, options.train(), 0).cache();
        Dataset<Row> test = DigitLoader.vectors(spark, options.test(), 0).cache();
        log.accept("bench ml: " + train.count() + " training rows, " + test.count() + " test rows; grid of "
                + options.layers().size());
        DigitNetClassifier ours = new DigitNetClassifier().setEpochs(options.epochs()).setSeed(options.seed());
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier().setMaxIter(options.mlpcIterations())
                .setSeed(options.seed()).setBlockSize(1024);
        int[][] layers = options.layers().toArray(int[][]::new);
        Tuned oursTuned = tune(ours, new ParamGridBuilder().addGrid(ours.layers(),
                DigitNetClassifier.layerChoices(layers)).build(), ours.layers().name(), train, test,
                options.trainRatio(), options.seed(), layers.length);
        log.accept("bench ml: ours " + f1(oursTuned.seconds()) + " s");
        Tuned mlpcTuned = tune(mlpc, new ParamGridBuilder().addGrid(mlpc.layers(),
                DigitNetClassifier.layerChoices(layers)).build(), mlpc.layers().name(), train, test,
                options.trainRatio(), options.seed(), layers.length);
        log.accept("bench ml: MLPC " + f1(mlpcTuned.seconds()) + " s");
        train.unpersist();
        test.unpersist();

        ScoreBenchmark.scaleData(spark, options.test(), options.scratch(), options.rows(), options.seed(), log);
        String input = ScoreBenchmark.dataPath(options.scratch(), options.rows());
        DigitNetModel oursModel = (DigitNetModel) oursTuned.best();
        MultilayerPerceptronClassificationModel mlpcModel = (MultilayerPerceptronClassificationModel) mlpcTuned.best();
        ScoringRun oursScoring = ScoringRun.fastest(options.runs(), () -> ScoringRun.time(spark,
                () -> oursModel.transform(DigitFrames.toVectors(MlpcScoring.compact(spark, input)))
                        .select(col(DigitFrames.ID), col("prediction"), col("probability")),
                new Path(options.scratch(), "ml-ours").toString()));
        ScoringRun mlpcScoring = ScoringRun.fastest(options.runs(), () -> ScoringRun.time(spark,
                () -> MlpcScoring.scored(spark, mlpcModel, input), new Path(options.scratch(), "ml-mlpc").toString()));
        return markdown(command, options, oursTuned, mlpcTuned, oursScoring, mlpcScoring,
                BenchEnvironment.describe(spark));
    }

    /** A TrainValidationSplit over {@code grid}, fitting {@code parallelism} at a time; the chosen model tested. */
    static Tuned tune(Estimator<?> estimator, ParamMap[] grid, String layersParam, Dataset<Row> train,
            Dataset<Row> test, double trainRatio, long seed, int parallelism) {
        long started = System.nanoTime();
        TrainValidationSplitModel split = new TrainValidationSplit().setEstimator(estimator)
                .setEstimatorParamMaps(grid).setEvaluator(evaluator()).setTrainRatio(trainRatio)
                .setSeed(seed).setParallelism(parallelism).fit(train);
        double seconds = (System.nanoTime() - started) / 1e9;
        double[] metrics = split.validationMetrics();
        int best = 0;
        for (int i = 1; i < metrics.length; i++) {
            best = metrics[i] > metrics[best] ? i : best;
        }
        int[] layers = (int[]) grid[best].apply(estimator.getParam(layersParam));
        double testAccuracy = evaluator().evaluate(split.bestModel().transform(test));
        return new Tuned(seconds, metrics[best], layers, split.bestModel(), testAccuracy);
    }

    private static MulticlassClassificationEvaluator evaluator() {
        return new MulticlassClassificationEvaluator().setMetricName(EVALUATED);
    }

    private static String markdown(String command, Options options, Tuned ours, Tuned mlpc, ScoringRun oursScoring,
            ScoringRun mlpcScoring, Map<String, String> environment) {
        StringBuilder md = new StringBuilder();
        line(md, "## Spark ML: TrainValidationSplit and transform");
        line(md, "");
        line(md, "`" + command + "`");
        line(md, "");
        line(md, "A TrainValidationSplit (train ratio " + options.trainRatio() + ", seed " + options.seed()
                + ", accuracy, parallelism " + options.layers().size() + ") over layers "
                + options.layers().stream().map(Arrays::toString).collect(Collectors.joining(" ")) + ": ours "
                + options.epochs() + " epochs each (the other settings the train command's), MLPC maxIter "
                + options.mlpcIterations() + ", block size 1024. Wall seconds include the refit of the chosen "
                + "configuration on all the rows.");
        line(md, "");
        line(md, "| estimator | wall seconds | best validation accuracy | chosen layers | its test accuracy |");
        line(md, "| --- | ---: | ---: | --- | ---: |");
        tunedRow(md, "ours: DigitNetClassifier", ours);
        tunedRow(md, "MLlib MultilayerPerceptronClassifier", mlpc);
        line(md, "");
        line(md, "MLPC's wall seconds ÷ ours: **" + ratio(mlpc.seconds(), ours.seconds()) + "**.");
        line(md, "");
        line(md, "| transform of the chosen model, Parquet to Parquet (fastest of " + options.runs() + ") | rows "
                + "| seconds | rows/s |");
        line(md, "| --- | ---: | ---: | ---: |");
        line(md, "| ours: DigitNetModel.transform | " + oursScoring.rows() + " | " + f2(oursScoring.seconds()) + " | "
                + Math.round(oursScoring.rowsPerSecond()) + " |");
        line(md, "| MLlib MultilayerPerceptronClassificationModel.transform | " + mlpcScoring.rows() + " | "
                + f2(mlpcScoring.seconds()) + " | " + Math.round(mlpcScoring.rowsPerSecond()) + " |");
        line(md, "");
        line(md, "Ours ÷ MLPC, rows per second: **" + ratio(oursScoring.rowsPerSecond(), mlpcScoring.rowsPerSecond())
                + "**.");
        line(md, "");
        environment.forEach((name, value) -> line(md, "- " + name + ": `" + value + "`"));
        return md.toString();
    }

    private static void tunedRow(StringBuilder md, String name, Tuned tuned) {
        line(md, "| " + name + " | " + f1(tuned.seconds()) + " | " + percent2(tuned.validation()) + " | "
                + Arrays.toString(tuned.layers()) + " | " + percent2(tuned.test()) + " |");
    }
}
