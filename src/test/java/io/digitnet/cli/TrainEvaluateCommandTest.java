package io.digitnet.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.ScanData;
import io.digitnet.data.images.ScanRenderer;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.score.Evaluation;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.SmallModel;
import io.digitnet.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and evaluate through the command line, on small generated IDX data. */
class TrainEvaluateCommandTest {
    static SparkSession spark;
    static Path images;
    static Path model;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() {
        spark = LocalSpark.start(TrainEvaluateCommandTest.class);
        SmallModel trained = SmallModel.trainOnBars(shared, 51);
        images = trained.images();
        model = trained.model();
        assertTrue(trained.trainOutput().contains("epoch 6/6"), trained.trainOutput());
        assertTrue(trained.trainOutput().contains("test accuracy: "), trained.trainOutput());
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private Path copyOfModel() throws IOException {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(model)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void evaluateAgreesWithTheTestAccuracyInModelJson() throws IOException {
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("digitnet-model", json.get("format").asText());
        double recorded = json.get("test_accuracy").asDouble();

        Path figures = dir.resolve("figures.json");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(),
                "--json", figures.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith(String.format("accuracy %.4f", recorded)), run.out());
        JsonNode written = new ObjectMapper().readTree(figures.toFile());
        assertEquals(recorded, written.get("accuracy").asDouble(), 0.0);
        assertEquals(400, written.get("total").asLong());
        assertEquals(10, written.get("confusion_matrix").size());
        assertEquals(10, written.get("classes").size());
    }

    /**
     * evaluate's curve says what each threshold accepts; scoring the same digits with the
     * threshold it gives for a target error accepts exactly those digits, with that error.
     */
    @Test
    void evaluatePrintsTheAcceptanceCurveAndTheThresholdForATargetErrorThatScoringThenAccepts() throws IOException {
        Path figures = dir.resolve("figures.json");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(),
                "--json", figures.toString(), "--target-error", "0.2");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode written = new ObjectMapper().readTree(figures.toFile());
        JsonNode acceptance = written.get("acceptance");
        assertEquals(400, acceptance.get("answers").asLong());
        assertEquals(400 - written.get("correct").asLong(), acceptance.get("wrong").asLong());
        JsonNode target = written.get("target_error");
        assertEquals(0.2, target.get("target_error").asDouble());
        assertTrue(target.get("met").asBoolean(), written.toString());
        double threshold = target.get("threshold").asDouble();
        long accepted = target.get("accepted").asLong();
        assertTrue(accepted > 0 && accepted < 400, "a threshold between the extremes: " + target);
        assertTrue(target.get("error").asDouble() <= 0.2, target.toString());
        assertTrue(run.out().contains("accepted without review (confidence >= threshold), of 400 digits:"), run.out());
        assertTrue(run.out().contains(String.format("target error 20 %%: threshold %s accepts %.2f %% of the digits "
                + "(%d of 400), ", threshold, accepted / 4.0, accepted)), run.out());

        Path output = dir.resolve("scored");
        CliRun score = CliRun.of("score", "--model", model.toString(), "--input", images.toString(), "--output",
                output.toString(), "--review-below", Double.toString(threshold));
        assertEquals(0, score.exitCode(), score.toString());
        Dataset<Row> scored = spark.read().parquet(output.resolve("scored").toString());
        Dataset<Row> unchecked = scored.filter(not(col("needs_review")));
        assertEquals(accepted, unchecked.count());
        assertEquals(target.get("wrong").asLong(), unchecked.filter(col("label").notEqual(col("prediction"))).count());
        for (JsonNode point : acceptance.get("thresholds")) {
            Dataset<Row> above = scored.filter(col("confidence").geq(point.get("threshold").asDouble()));
            assertEquals(point.get("accepted").asLong(), above.count(), point.toString());
            assertEquals(point.get("wrong").asLong(), above.filter(col("label").notEqual(col("prediction"))).count(),
                    point.toString());
        }
    }

    @Test
    void evaluateRefusesATargetErrorThatIsNotARateInOneLineBeforeEvaluating() {
        for (String bad : List.of("0", "1", "-0.1", "1.5", "NaN")) {
            CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(),
                    "--target-error", bad);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet evaluate: --target-error: expected an error rate between 0 and 1 (0.005 "
                    + "for 0.5 %), found " + Double.parseDouble(bad)), run.errLines());
            assertEquals("", run.out(), "nothing evaluated");
        }
    }

    /** model.json keeps the curve of the model it holds on the rows train held out, as evaluate measures it there. */
    @Test
    void trainKeepsTheValidationCurveOfTheModelItWroteAndNoneWithoutAValidationSplit() throws IOException {
        Model trained = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model.toString());
        AcceptanceCurve kept = trained.info().validationAcceptance();
        Map<String, Object> settings = trained.info().settings();
        Dataset<Row> heldOut = DigitLoader.table(spark, DigitLoader.Source.of(images.toString()), 0)
                .filter(TrainingData.heldOut((Long) settings.get("seed"), (Double) settings.get("validation_fraction")));
        AcceptanceCurve measured = Evaluation.of(trained.architecture(), trained.parameters(), heldOut,
                images.toString()).acceptance();
        assertEquals(heldOut.count(), kept.answers());
        assertEquals(measured.frontier(), kept);
        assertTrue(model.resolve("model.json").toFile().length() < 64 * 1024, "the kept curve is small");

        Path bare = dir.resolve("bare");
        CliRun train = CliRun.of("train", "--train", images.toString(), "--out", bare.toString(), "--epochs", "1",
                "--validation-fraction", "0");
        assertEquals(0, train.exitCode(), train.toString());
        JsonNode json = new ObjectMapper().readTree(bare.resolve("model.json").toFile());
        assertFalse(json.has("validation_acceptance"), json.toString());
    }

    /** score picks its threshold for a target error from the model's own curve, with no labelled data, and says so. */
    @Test
    void scoreTakesItsThresholdForATargetErrorFromTheModelsValidationCurve() throws IOException {
        AcceptanceCurve kept = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model.toString()).info()
                .validationAcceptance();
        AcceptanceCurve.Point expected = kept.forTargetError(0.3).orElseThrow();
        Path output = dir.resolve("scored");
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input", images.toString(), "--output",
                output.toString(), "--target-error", "0.3");
        assertEquals(0, run.exitCode(), run.toString());
        String from = String.format("target error 0.3 on the model's validation split (%d digits; it accepted %.2f %% "
                + "of them, %.3f %% of those wrongly)", kept.answers(), 100 * expected.share(), 100 * expected.error());
        assertTrue(run.out().contains("need review (confidence < " + expected.threshold() + ", from " + from + ")"),
                run.out());
        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertEquals(expected.threshold(), summary.get("reviewBelow").asDouble());
        assertEquals(from, summary.get("reviewThresholdFrom").asText());
        Dataset<Row> scored = spark.read().parquet(output.resolve("scored").toString());
        assertEquals(scored.filter(col("confidence").lt(expected.threshold())).count(),
                scored.filter(col("needs_review")).count());
        assertEquals(summary.get("needsReview").asLong(), scored.filter(col("needs_review")).count());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void evaluateRefusesAnExistingJsonFileBeforeEvaluatingUnlessToldToOverwrite() throws IOException {
        Path figures = Files.writeString(dir.resolve("figures.json"), "kept");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(),
                "--json", figures.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet evaluate: --json " + figures + ": already exists (pass --overwrite to replace"
                + " it)"), run.errLines());
        assertEquals("", run.out(), "nothing evaluated");
        assertEquals("kept", Files.readString(figures));

        run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(), "--json",
                figures.toString(), "--overwrite");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(400, new ObjectMapper().readTree(figures.toFile()).get("total").asLong());
        assertEquals(List.of("figures.json"), names(dir), "no temporary file left beside it");
        assertTrue(CliRun.of("evaluate", "--help").out().contains("--overwrite"));
    }

    @Test
    void evaluateRefusesAJsonPlaceItCannotWriteBeforeEvaluatingAndLeavesNothing() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")), "/proc: a directory nobody can create files in");
        for (String[] place : new String[][] {
                {folder.toString(), ": expected a file to write, found a directory"},
                {dir.resolve("absent/figures.json").toString(), ": no such directory file:" + dir.resolve("absent")},
                {file.resolve("figures.json").toString(), ": expected file:" + file + " to be a directory, found a"
                        + " file"},
                {"/proc/digitnet-figures.json", ": expected a directory digitnet can write in, found file:/proc not"
                        + " writable ("}}) {
            CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString(),
                    "--json", place[0]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).startsWith("digitnet evaluate: --json " + place[0] + place[1]),
                    run.toString());
            assertEquals("", run.out(), "nothing evaluated: " + run);
            assertEquals(List.of("file", "folder"), names(dir), "nothing left beside it");
            assertEquals(List.of(), names(folder));
        }
    }

    @Test
    void trainRefusesAnExistingModelBeforeTraining() {
        CliRun run = CliRun.of("train", "--train", images.toString(), "--out", model.toString(), "--epochs", "1");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet train: --out " + model + ": already exists (pass --overwrite to replace it)"),
                run.errLines());
        assertFalse(run.out().contains("epoch 1/1"), "nothing trained: " + run.out());
    }

    @Test
    void trainRefusesBadSettingsInOneLine() {
        for (String[] args : new String[][] {
                {"--layers", "784,16,x", "--layers 784,16,x: expected sizes like 784,16,16,10"},
                {"--layers", "100,16,10", "--layers 100,16,10: expected 784 inputs first and 2 to 10 outputs last"},
                {"--layers", "784,16,1", "--layers 784,16,1: expected 784 inputs first and 2 to 10 outputs last, "
                        + "found 784 and 1"},
                {"--layers", "784,16,11", "--layers 784,16,11: expected 784 inputs first and 2 to 10 outputs last, "
                        + "found 784 and 11"},
                {"--activation", "softmax", "--activation: expected one of sigmoid, tanh, relu, found 'softmax'"},
                {"--strategy", "magic", "--strategy: expected one of average, full-batch, found 'magic'"},
                {"--learning-rate", "-1", "--learning-rate: expected a positive number, found -1.0"},
                {"--learning-rate", "NaN", "--learning-rate: expected a positive number, found NaN"},
                {"--batch-size", "0", "--batch-size: expected 1 or more, found 0"},
                {"--epochs", "0", "--epochs: expected 1 or more, found 0"},
                {"--partitions", "-2", "--partitions: expected 1 or more, found -2"},
                {"--validation-fraction", "1", "--validation-fraction: expected 0 <= f < 1, found 1.0"},
                {"--validation-fraction", "NaN", "--validation-fraction: expected 0 <= f < 1, found NaN"},
                {"--master", "garbage", "--master garbage: expected local, local[N], local[*]"}}) {
            CliRun run = CliRun.of("train", "--train", images.toString(), "--out", dir.resolve("m").toString(),
                    args[0], args[1]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).startsWith("digitnet train: " + args[2]), run.toString());
        }
    }

    /**
     * A network with 2 outputs (a whole digit check) trains on labels 0 and 1, and both
     * train and evaluate refuse a digit's label it has no output for, naming the row.
     */
    @Test
    void aTwoOutputNetworkTrainsOnLabelsZeroAndOneAndRefusesOtherLabelsNamingTheRow() {
        // The bars of labels 0-4 lie in rows 4-12, those of 5-9 in rows 14-22: two classes a network tells apart.
        String halves = dir.resolve("halves.parquet").toString();
        DigitLoader.table(spark, DigitLoader.Source.of(images.toString()), 0)
                .withColumn("label", when(col("label").lt(5), lit(0)).otherwise(lit(1)))
                .write().parquet(halves);
        Path check = dir.resolve("check");
        CliRun trained = CliRun.of("train", "--train", halves, "--out", check.toString(), "--layers", "784,8,2",
                "--output", "softmax", "--epochs", "4");
        assertEquals(0, trained.exitCode(), trained.toString());
        CliRun evaluated = CliRun.of("evaluate", "--model", check.toString(), "--data", halves);
        assertEquals(0, evaluated.exitCode(), evaluated.toString());
        double accuracy = Double.parseDouble(evaluated.out().substring("accuracy ".length()).split("\\s")[0]);
        assertTrue(accuracy > 0.7, "two classes of 200 rows each, guessing makes 0.5: " + evaluated.out());

        Path refused = dir.resolve("refused");
        for (CliRun run : List.of(
                CliRun.of("train", "--train", images.toString(), "--out", refused.toString(), "--layers", "784,8,2",
                        "--output", "softmax", "--epochs", "1"),
                CliRun.of("evaluate", "--model", check.toString(), "--data", images.toString()))) {
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).matches("digitnet (train|evaluate): " + java.util.regex.Pattern.quote(
                    images.toString()) + ": row id \\d+: expected a label 0\\.\\.1, found [2-9]"), run.toString());
        }
        assertFalse(Files.exists(refused), "no model left");
    }

    @Test
    void trainAndEvaluateRefuseAnEmptyInputNamingIt() throws IOException {
        Path emptyCsv = Files.write(dir.resolve("empty.csv"), new byte[0]);
        String emptyParquet = dir.resolve("empty.parquet").toString();
        spark.createDataFrame(List.of(), io.digitnet.data.DigitFrames.COMPACT).write().parquet(emptyParquet);
        Path out = dir.resolve("m");
        for (String[] args : new String[][] {
                {"evaluate", "--model", model.toString(), "--data", emptyCsv.toString()},
                {"evaluate", "--model", model.toString(), "--data", emptyParquet},
                {"train", "--train", emptyParquet, "--out", out.toString()},
                {"train", "--train", images.toString(), "--test", emptyCsv.toString(), "--out", out.toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).contains(": no rows ("), run.toString());
            assertTrue(run.errLines().get(0).contains("empty."), run.toString());
            assertFalse(Files.exists(out), run.toString());
        }
    }

    /**
     * Scans named as make-scan-data names them are evaluated as the score job reads them, digit
     * for digit (the bars lose their height in the crop, so few read right: what counts is that
     * both read the same).
     */
    @Test
    void evaluateReadsAFolderOfScansLabelledByTheirNamesAsScoreReadsThem() throws IOException {
        int count = 30;
        byte[] pixels = io.digitnet.testing.IdxFixtures.barPixels(count, 77);
        byte[] labels = io.digitnet.testing.IdxFixtures.labels(count);
        Path scans = Files.createDirectories(dir.resolve("scans"));
        for (int i = 0; i < count; i++) {
            boolean jpeg = i % 3 == 0;
            Files.write(scans.resolve(String.format("%06d-%d.%s", i, labels[i], jpeg ? "jpg" : "png")),
                    ScanRenderer.render(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), i,
                            jpeg ? ScanRenderer.Format.JPEG : ScanRenderer.Format.PNG));
        }
        Path figures = dir.resolve("figures.json");
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", scans.toString(),
                "--json", figures.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.toString());
        JsonNode written = new ObjectMapper().readTree(figures.toFile());
        assertEquals(count, written.get("total").asLong());

        Path out = dir.resolve("scored");
        CliRun scored = CliRun.of("score", "--model", model.toString(), "--input", scans.toString(), "--output",
                out.toString());
        assertEquals(0, scored.exitCode(), scored.toString());
        long right = spark.read().parquet(out.resolve("scored").toString()).collectAsList().stream()
                .filter(row -> ScanData.labelOf(row.getString(row.fieldIndex("path")))
                        == row.getInt(row.fieldIndex("prediction")))
                .count();
        assertEquals((double) right / count, written.get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void evaluateRefusesAScanWithoutALabelInItsNameOrThatCannotBeReadNamingIt() throws IOException {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        // The labelled scan holds a digit, so the broken one below is the only scan that can't be read.
        byte[] scan = ScanRenderer.render(io.digitnet.testing.IdxFixtures.barPixels(1, 77), 0,
                ScanRenderer.Format.PNG);
        Files.write(scans.resolve("000000-7.png"), scan);
        Path unlabelled = Files.write(scans.resolve("form-17.png"), scan);
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", scans.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).startsWith("digitnet evaluate: "), run.toString());
        assertTrue(run.errLines().get(0).endsWith(unlabelled.getFileName() + ": expected the digit's label in the "
                + "scan's name (<id>-<label>.png, as make-scan-data names scans), found none"), run.toString());

        Files.delete(unlabelled);
        Path broken = Files.write(scans.resolve("000001-3.png"), new byte[] {1, 2, 3});
        CliRun unreadable = CliRun.of("evaluate", "--model", model.toString(), "--data", scans.toString());
        assertEquals(2, unreadable.exitCode(), unreadable.toString());
        assertEquals(1, unreadable.errLines().size(), unreadable.toString());
        assertTrue(unreadable.errLines().get(0).endsWith(broken.getFileName() + ": not a PNG or JPEG image"),
                unreadable.toString());
    }

    @Test
    void trainAndEvaluateRefuseVectorsWithNaNOrOfTheWrongLengthNamingTheRow() {
        double[] nan = new double[784];
        nan[17] = Double.NaN;
        String withNaN = dir.resolve("nan.parquet").toString();
        String tooShort = dir.resolve("short.parquet").toString();
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("id", org.apache.spark.sql.types.DataTypes.LongType)
                .add("label", org.apache.spark.sql.types.DataTypes.IntegerType)
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(0L, 3, Vectors.zeros(784)),
                org.apache.spark.sql.RowFactory.create(1L, 4, Vectors.dense(nan))), schema).write().parquet(withNaN);
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(0L, 3, Vectors.zeros(783))), schema)
                .write().parquet(tooShort);
        Path out = dir.resolve("m");
        for (String[] args : new String[][] {
                {"evaluate", "--model", model.toString(), "--data", withNaN, "row id 1: value 17 is NaN"},
                {"train", "--train", tooShort, "--out", out.toString(), "row id 0: expected 784 values, found 783"}}) {
            CliRun run = CliRun.of(Arrays.copyOf(args, args.length - 1));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).endsWith(args[args.length - 1]), run.toString());
            assertFalse(Files.exists(out), run.toString());
        }
    }

    /** A broken model: exit 2, one line naming the file and the problem. */
    private void assertRefused(Path broken, String problem) {
        CliRun run = CliRun.of("evaluate", "--model", broken.toString(), "--data", images.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).contains(problem), run.toString());
    }

    @Test
    void evaluateRefusesAModelWithAMissingFile() throws IOException {
        Path copy = copyOfModel();
        Files.delete(copy.resolve("weights.parquet"));
        assertRefused(copy, "weights.parquet");
    }

    @Test
    void evaluateRefusesAFlippedOrTruncatedWeightsFileInOneLine() throws IOException {
        Path flipped = copyOfModel();
        Path weights = flipped.resolve("weights.parquet");
        byte[] bytes = Files.readAllBytes(weights);
        byte[] changed = bytes.clone();
        for (int i = changed.length / 2; i < changed.length / 2 + 100; i++) {
            changed[i] ^= 0x55;
        }
        Files.write(weights, changed);
        assertRefused(flipped, weights + ": expected a readable Parquet file, found corrupt data");

        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(flipped, weights + ": expected a Parquet file, found one it cannot read");
    }

    @Test
    void evaluateRefusesAnUnknownFormatVersion() throws IOException {
        Path copy = copyOfModel();
        Path json = copy.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"version\"\\s*:\\s*1", "\"version\" : 7"));
        assertRefused(copy, "expected format version 1, found 7");
    }

    @Test
    void evaluateRefusesWeightsOfTheWrongShape() throws IOException {
        Path copy = copyOfModel();
        Path json = copy.resolve("model.json");
        String text = Files.readString(json);
        String changed = text.replaceFirst("\"layers\"\\s*:\\s*\\[\\s*784\\s*,\\s*32", "\"layers\" : [ 784, 17");
        assertFalse(text.equals(changed), "the layers were edited");
        Files.writeString(json, changed);
        assertRefused(copy, "weights.parquet");
    }

    @Test
    void evaluateRefusesANaNWeight() throws IOException {
        Path copy = copyOfModel();
        Path weights = copy.resolve("weights.parquet");
        Path rewritten = dir.resolve("rewritten");
        spark.read().parquet(weights.toString())
                .withColumn("bias", when(col("layer").equalTo(2).and(col("neuron").equalTo(3)), lit(Double.NaN))
                        .otherwise(col("bias")))
                .coalesce(1).write().parquet(rewritten.toString());
        try (Stream<Path> parts = Files.list(rewritten)) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, weights, StandardCopyOption.REPLACE_EXISTING);
        }
        assertRefused(copy, "layer 2 neuron 3");
    }
}
