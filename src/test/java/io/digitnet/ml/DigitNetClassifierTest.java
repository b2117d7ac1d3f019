package io.digitnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.Evaluation;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import io.digitnet.train.TrainJob;
import io.digitnet.train.TrainSettings;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** DigitNetClassifier and DigitNetModel in Spark ML, on the real MNIST test set (10,000 digits). */
class DigitNetClassifierTest {
    static SparkSession spark;
    static DigitLoader.Source digits;
    static Dataset<Row> vectors;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Path mnist = MnistDir.require();
        spark = LocalSpark.start(DigitNetClassifierTest.class);
        digits = DigitLoader.Source.of(mnist.resolve("t10k-images-idx3-ubyte.gz").toString());
        vectors = DigitLoader.vectors(spark, digits, 0).cache();
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static DigitNetClassifier twoEpochs() {
        return new DigitNetClassifier().setEpochs(2);
    }

    /** The predictions of a transform, in id order: (prediction, probability) per row. */
    private static List<Row> predictions(Dataset<Row> scored) {
        return scored.orderBy("id").select("prediction", "probability", "rawPrediction").collectAsList();
    }

    /**
     * A Pipeline (a SQL step, then the classifier) trains the model jobs/train.sh trains with
     * the same settings and seed, bit for bit; its transform's accuracy is evaluate's; saved
     * and loaded again, the PipelineModel predicts the same; the classifier's stage is a
     * model directory the command line reads, and that directory loads as a DigitNetModel.
     */
    @Test
    void aPipelineTrainsTheCommandLinesModelAndRoundTrips() throws Exception {
        DigitNetClassifier classifier = twoEpochs();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new SQLTransformer().setStatement("SELECT id, label, features FROM __THIS__"), classifier});
        PipelineModel fitted = pipeline.fit(vectors);
        DigitNetModel model = (DigitNetModel) fitted.stages()[1];
        assertSame(classifier, model.parent());

        TrainSettings settings = classifier.trainSettings(784);
        String out = dir.resolve("cli-model").toString();
        TrainJob.run(spark, new TrainJob.Request(digits, null, out, false, false, settings, "test"), line -> { });
        Model cli = ModelDir.read(spark.sparkContext().hadoopConfiguration(), out);
        assertTrue(cli.parameters().identical(model.model().parameters()), "weights as jobs/train.sh trains them");
        assertEquals(2, model.summary().totalIterations());
        assertArrayEquals(cli.info().epochs().stream().mapToDouble(e -> e.loss()).toArray(),
                model.summary().objectiveHistory(), 0.0);

        Dataset<Row> scored = fitted.transform(vectors);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        double evaluated = Evaluation.of(cli.architecture(), cli.parameters(), DigitLoader.table(spark, digits, 0),
                digits.input()).confusion().accuracy();
        assertEquals(evaluated, accuracy, 0.0);
        assertTrue(accuracy > 0.5, "accuracy " + accuracy); // 2 epochs on 10,000 digits; guessing gives 0.1

        assertEquals(cli.architecture().parameterCount(), model.weights().size());
        double[] thresholds = {1, 1, 1, 1, 1, 1, 1, 0, 1, 1}; // a class whose threshold is 0 always wins
        List<Row> sevens = model.copy(new ParamMap()).setThresholds(thresholds).transform(vectors)
                .select("prediction").distinct().collectAsList();
        assertEquals(List.of(7.0), sevens.stream().map(row -> row.getDouble(0)).toList());
        IllegalArgumentException nine = assertThrows(IllegalArgumentException.class,
                () -> model.copy(new ParamMap()).setThresholds(new double[9]));
        assertTrue(nine.getMessage().contains("numClasses=10, but thresholds has length 9"), nine.getMessage());
        IllegalArgumentException fromEstimator = assertThrows(IllegalArgumentException.class, () -> model.copy(
                new ParamMap().put(model.thresholds(), new double[] {1, 1})).transform(vectors));
        assertTrue(fromEstimator.getMessage().contains("thresholds: expected 10 values"), fromEstimator.getMessage());

        String saved = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        assertEquals(predictions(scored), predictions(loaded.transform(vectors)));
        String stage = dir.resolve("pipeline/stages/1_" + model.uid()).toString();
        Model stageDir = ModelDir.read(spark.sparkContext().hadoopConfiguration(), stage);
        assertTrue(stageDir.parameters().identical(cli.parameters()), "the saved stage is a model directory");

        DigitNetModel fromCli = DigitNetModel.load(out);
        assertNotEquals(model.uid(), fromCli.uid());
        assertEquals(predictions(scored), predictions(fromCli.transform(vectors)));
        Vector first = vectors.orderBy("id").first().getAs("features");
        assertEquals(predictions(scored).get(0).get(2), fromCli.predictRaw(first));
        assertEquals(predictions(scored).get(0).getDouble(0), fromCli.predict(first), 0.0);
    }

    /**
     * A TrainValidationSplit over two hidden-layer configurations inside a Pipeline picks
     * the one with the better validation accuracy; the PipelineModel, saved and loaded, predicts the same.
     */
    @Test
    void aTrainValidationSplitPicksTheBetterLayersAndRoundTrips() throws Exception {
        DigitNetClassifier classifier = twoEpochs();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.layers(), DigitNetClassifier.layerChoices(new int[] {784, 4, 10},
                        new int[] {784, 32, 10}))
                .build();
        TrainValidationSplit split = new TrainValidationSplit().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setTrainRatio(0.75)
                .setSeed(3).setParallelism(2);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {split}).fit(vectors);
        TrainValidationSplitModel chosen = (TrainValidationSplitModel) fitted.stages()[0];
        double[] metrics = chosen.validationMetrics();
        assertTrue(metrics[1] > metrics[0], java.util.Arrays.toString(metrics));
        assertArrayEquals(new int[] {784, 32, 10}, ((DigitNetModel) chosen.bestModel()).layers());

        String saved = dir.resolve("split").toString();
        fitted.write().overwrite().save(saved);
        assertEquals(predictions(fitted.transform(vectors)), predictions(PipelineModel.load(saved).transform(vectors)));
    }

    /**
     * fit(dataset, paramMaps) over a grid of hidden layers and learning rates trains all four
     * in shared passes; each model is the one fit(dataset, paramMap) gives alone, bit for bit.
     */
    @Test
    void aGridFittedTogetherGivesEachModelItsOwnBits() {
        DigitNetClassifier classifier = twoEpochs();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.layers(), DigitNetClassifier.layerChoices(new int[] {784, 8, 10},
                        new int[] {784, 16, 16, 10}))
                .addGrid(classifier.learningRate(), new double[] {0.003, 0.01})
                .build();
        List<DigitNetClassifier> runs = java.util.Arrays.stream(grid).map(classifier::copy).toList();
        assertTrue(DigitNetClassifier.shareAPass(runs), "this grid trains in shared passes");
        assertFalse(DigitNetClassifier.shareAPass(List.of(classifier, classifier.copy(new ParamMap().put(
                classifier.seed(), 2L)))), "other seeds take other batches");
        List<DigitNetModel> together = CollectionConverters.asJava(
                classifier.fit(vectors, CollectionConverters.asScala(List.of(grid)).toList()));
        assertEquals(4, together.size());
        for (int i = 0; i < grid.length; i++) {
            DigitNetModel alone = classifier.fit(vectors, grid[i]);
            assertTrue(alone.model().parameters().identical(together.get(i).model().parameters()), "model " + i);
            assertArrayEquals(alone.layers(), together.get(i).layers());
            assertEquals(classifier.uid(), together.get(i).parent().uid());
        }
    }

    /**
     * MLlib's TrainValidationSplit fits map by map, parallelism at a time: those calls are
     * gathered into shared passes, and the chosen model is the one its map gives alone.
     * (Which calls gather depends on timing; the test asks only that some did.)
     */
    @Test
    void aTrainValidationSplitsParallelFitsShareAPass() {
        DigitNetClassifier classifier = twoEpochs();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.layers(), DigitNetClassifier.layerChoices(new int[] {784, 4, 10},
                        new int[] {784, 12, 10}, new int[] {784, 8, 8, 10}, new int[] {784, 24, 10}))
                .build();
        long before = FitGathering.SHARED.get();
        TrainValidationSplitModel fitted = new TrainValidationSplit().setEstimator(classifier)
                .setEstimatorParamMaps(grid).setEvaluator(new MulticlassClassificationEvaluator())
                .setTrainRatio(0.75).setSeed(5).setParallelism(4).fit(vectors);
        assertTrue(FitGathering.SHARED.get() - before >= 2, "runs trained with others: "
                + (FitGathering.SHARED.get() - before));
        int best = 0;
        for (int i = 1; i < grid.length; i++) {
            best = fitted.validationMetrics()[i] > fitted.validationMetrics()[best] ? i : best;
        }
        // The split refits the chosen map on the whole dataset.
        DigitNetModel alone = new DigitNetClassifier().setEpochs(2).setLayers((int[]) grid[best].apply(
                classifier.layers())).fit(vectors);
        assertTrue(alone.model().parameters().identical(((DigitNetModel) fitted.bestModel()).model().parameters()),
                "the chosen model as its map trains alone");
    }

    /** A CrossValidator (2 folds) over two learning rates picks the one its own averaged metrics favour, and round-trips. */
    @Test
    void aCrossValidatorPicksTheBetterRateAndRoundTrips() throws Exception {
        DigitNetClassifier classifier = twoEpochs().setLayers(new int[] {784, 8, 10});
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.learningRate(), new double[] {0.0001, 0.01}).build();
        CrossValidatorModel fitted = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(2)
                .setSeed(4).setParallelism(2).fit(vectors);
        double[] metrics = fitted.avgMetrics();
        assertTrue(metrics[1] > metrics[0], java.util.Arrays.toString(metrics));
        assertEquals(0.01, ((DigitNetModel) fitted.bestModel()).model().info().settings().get("learning_rate"));
        String saved = dir.resolve("cross-validator").toString();
        fitted.write().overwrite().save(saved);
        assertEquals(predictions(fitted.transform(vectors)),
                predictions(CrossValidatorModel.load(saved).transform(vectors)));
    }

    @Test
    void paramsAreCheckedWhenSetWithMllibsMessages() {
        DigitNetClassifier classifier = new DigitNetClassifier();
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> classifier.setLearningRate(-1));
        assertTrue(rate.getMessage().contains("learningRate given invalid value -1.0"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> classifier.setLayers(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> classifier.setLayers(new int[] {784, 0, 10}));
        assertThrows(IllegalArgumentException.class, () -> classifier.setValidationFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> classifier.setHiddenActivation("softmax"));
        assertThrows(IllegalArgumentException.class, () -> classifier.setShift(28));
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> new DigitNetClassifier().setLayers(new int[] {100, 10}).setEpochs(1).fit(vectors));
        assertTrue(layers.getMessage().contains("layers: expected the first layer to be the feature count, 784"),
                layers.getMessage());
    }

    @Test
    void copiesKeepTheUidAndParamsAndExplainThem() {
        DigitNetClassifier classifier = new DigitNetClassifier().setLearningRate(0.01).setLayers(new int[] {784, 32, 10});
        DigitNetClassifier copy = classifier.copy(new ParamMap().put(classifier.epochs(), 3));
        assertEquals(classifier.uid(), copy.uid());
        assertEquals(0.01, copy.getLearningRate(), 0.0);
        assertArrayEquals(new int[] {784, 32, 10}, copy.getLayers());
        assertEquals(3, copy.getEpochs());
        assertEquals(Integer.parseInt(io.digitnet.train.TrainDefaults.EPOCHS), classifier.getEpochs());
        String explained = classifier.explainParams();
        for (String name : new String[] {"layers", "learningRate", "validationFraction", "featuresCol", "thresholds"}) {
            assertTrue(explained.contains(name + ":"), name + " in " + explained);
        }
        assertTrue(classifier.uid().startsWith("digitNet_"), classifier.uid());
        assertTrue(classifier.hasParam("shift") && classifier.getParam("shift").parent().equals(classifier.uid()));
    }

    @Test
    void anEstimatorSavesAndLoadsWithItsParams() throws Exception {
        DigitNetClassifier classifier = new DigitNetClassifier().setLearningRate(0.02).setSeed(9);
        String path = dir.resolve("estimator").toString();
        classifier.write().overwrite().save(path);
        DigitNetClassifier loaded = DigitNetClassifier.load(path);
        assertEquals(classifier.uid(), loaded.uid());
        assertEquals(0.02, loaded.getLearningRate(), 0.0);
        assertEquals(9, loaded.getSeed());
        assertEquals(classifier.trainSettings(784), loaded.trainSettings(784));
    }
}
