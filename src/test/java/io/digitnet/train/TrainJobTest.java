package io.digitnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Schedule;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on Spark: determinism, resuming, and the full-batch gradient sum, on small generated IDX data. */
class TrainJobTest {
    static SparkSession spark;
    static Path images;

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(TrainJobTest.class);
        images = IdxFixtures.writePair(data, "small", 600, 41, false);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static TrainSettings settings(Strategy strategy, int epochs, int partitions) {
        return new TrainSettings(Architecture.CLASSIC, strategy,
                new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 1e-4),
                Schedule.COSINE, 10, 0.5, epochs, 32, 2, partitions, 7, 0.1, 0, 1);
    }

    private TrainJob.Result train(String out, TrainSettings settings, boolean resume, List<String> log) {
        return TrainJob.run(spark, new TrainJob.Request(DigitLoader.Source.of(images.toString()),
                DigitLoader.Source.of(images.toString()), out, false, resume, settings, "test"), log::add);
    }

    /** A training log that interrupts the run by throwing when the line starting with {@code line} is logged. */
    private static List<String> interruptedAt(String line) {
        return new ArrayList<>() {
            @Override
            public boolean add(String logged) {
                if (logged.startsWith(line)) {
                    throw new IllegalStateException("interrupted at '" + line + "'");
                }
                return super.add(logged);
            }
        };
    }

    private static Model read(String dir) {
        return ModelDir.read(spark.sparkContext().hadoopConfiguration(), dir);
    }

    @Test
    void sameSeedAndSettingsGiveBitIdenticalModels() {
        List<String> log = new ArrayList<>();
        String first = dir.resolve("a").toString();
        String second = dir.resolve("b").toString();
        train(first, settings(Strategy.AVERAGE, 3, 2), false, log);
        train(second, settings(Strategy.AVERAGE, 3, 2), false, log);
        assertTrue(read(first).parameters().identical(read(second).parameters()));
        assertEquals(2, log.stream().filter(line -> line.startsWith("epoch 3/3")).count(), String.join("\n", log));

        String otherSeed = dir.resolve("c").toString();
        TrainSettings s = settings(Strategy.AVERAGE, 3, 2);
        train(otherSeed, new TrainSettings(s.architecture(), s.strategy(), s.optimizer(), s.schedule(), 10, 0.5, 3,
                32, 2, 2, 8, 0.1, 0, 1), false, log);
        assertFalse(read(first).parameters().identical(read(otherSeed).parameters()));
    }

    @Test
    void resumingAfterAnInterruptionEndsWithTheSameModel() {
        String whole = dir.resolve("whole").toString();
        train(whole, settings(Strategy.AVERAGE, 4, 2), false, new ArrayList<>());

        String interrupted = dir.resolve("interrupted").toString();
        List<String> log = interruptedAt("epoch 3/4"); // after epoch 3's line, before its checkpoint
        assertThrows(IllegalStateException.class, () -> train(interrupted, settings(Strategy.AVERAGE, 4, 2), false, log));
        assertFalse(Files.exists(Path.of(interrupted)), "no model directory from an interrupted run");
        assertTrue(Files.isDirectory(dir.resolve(".interrupted.checkpoints").resolve("epoch-0002")));

        List<String> resumed = new ArrayList<>();
        train(interrupted, settings(Strategy.AVERAGE, 4, 2), true, resumed);
        assertTrue(resumed.stream().anyMatch(l -> l.startsWith("train: resuming after epoch 2")), resumed.toString());
        assertTrue(resumed.stream().noneMatch(l -> l.startsWith("epoch 1/4")), "epochs 1 and 2 are not run again");
        assertTrue(read(whole).parameters().identical(read(interrupted).parameters()));
        assertEquals(read(whole).info().epochs().size(), read(interrupted).info().epochs().size());
        assertFalse(Files.exists(dir.resolve(".interrupted.checkpoints")), "checkpoints go when the model is written");
    }

    @Test
    void resumeRefusesOtherSettingsAndMissingCheckpoints() {
        String out = dir.resolve("none").toString();
        BadInputException none = assertThrows(BadInputException.class,
                () -> train(out, settings(Strategy.AVERAGE, 2, 2), true, new ArrayList<>()));
        assertTrue(none.getMessage().startsWith("--resume: no checkpoint to resume from in "), none.getMessage());
    }

    /**
     * A checkpoint is Parquet and JSON, never a Java-serialised object: one whose weights are
     * replaced by a serialised object, or whose progress is JSON nested past the limit, is
     * refused in one message naming the file, and nothing is deserialised.
     */
    @Test
    void resumeRefusesACheckpointFileReplacedByASerialisedObjectOrByDeepJson() throws Exception {
        String out = dir.resolve("tampered").toString();
        List<String> log = interruptedAt("epoch 2/3"); // after epoch 1's checkpoint
        assertThrows(IllegalStateException.class, () -> train(out, settings(Strategy.AVERAGE, 3, 2), false, log));
        Path checkpoint = dir.resolve(".tampered.checkpoints").resolve("epoch-0001");
        Path weights = checkpoint.resolve("weights.parquet");
        byte[] parquet = Files.readAllBytes(weights);
        java.io.ByteArrayOutputStream serialised = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(serialised)) {
            objects.writeObject(new java.util.HashMap<>(java.util.Map.of("weights", new double[] {1, 2})));
        }
        Files.write(weights, serialised.toByteArray());
        BadInputException object = assertThrows(BadInputException.class,
                () -> train(out, settings(Strategy.AVERAGE, 3, 2), true, new ArrayList<>()));
        assertTrue(object.getMessage().startsWith("file:" + weights + ": expected a Parquet file, found one it "
                + "cannot read"), object.getMessage());

        Files.write(weights, parquet);
        Path progress = checkpoint.resolve("progress.json");
        Files.writeString(progress, "[".repeat(5000) + "]".repeat(5000));
        BadInputException changed = assertThrows(BadInputException.class,
                () -> train(out, settings(Strategy.AVERAGE, 3, 2), true, new ArrayList<>()));
        assertTrue(changed.getMessage().startsWith("file:" + progress + ": expected the bytes written, found others"),
                changed.getMessage());
        Files.delete(checkpoint.resolve(".progress.json.crc")); // as one who tampers with it would
        BadInputException deep = assertThrows(BadInputException.class,
                () -> train(out, settings(Strategy.AVERAGE, 3, 2), true, new ArrayList<>()));
        assertTrue(deep.getMessage().startsWith("file:" + progress + ": expected JSON within digitnet's limits, "
                + "found Document nesting depth (101) exceeds the maximum allowed (100"), deep.getMessage());
    }

    @Test
    void fullBatchGradientSumsDoNotDependOnThePartitionCount() {
        Parameters parameters = Parameters.initial(Architecture.CLASSIC, 3);
        FullBatchStep.GradientSum[] sums = new FullBatchStep.GradientSum[2];
        int[] partitions = {1, 4};
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        for (int i = 0; i < 2; i++) {
            TrainSettings s = settings(Strategy.FULL_BATCH, 1, partitions[i]);
            try (TrainingData prepared = TrainingData.prepare(
                    DigitLoader.table(spark, DigitLoader.Source.of(images.toString()), 0), "small", 10, partitions[i],
                    0.1, 7)) {
                sums[i] = new FullBatchStep(jsc, prepared, s).gradientSum(parameters);
            }
        }
        assertEquals(sums[0].rows(), sums[1].rows());
        Parameters difference = sums[0].gradient().copy();
        difference.addScaled(-1.0, sums[1].gradient());
        double relative = Math.sqrt(difference.squaredNorm() / sums[0].gradient().squaredNorm());
        assertTrue(relative < 1e-9, "relative difference " + relative);
        assertTrue(sums[0].gradient().squaredNorm() > 0);
        assertEquals(sums[0].loss(), sums[1].loss(), 1e-9 * Math.abs(sums[0].loss()));
    }

    @Test
    void fullBatchTrainingLowersTheLoss() {
        List<String> log = new ArrayList<>();
        train(dir.resolve("fb").toString(), settings(Strategy.FULL_BATCH, 5, 2), false, log);
        List<Double> losses = log.stream().filter(l -> l.startsWith("epoch "))
                .map(l -> Double.parseDouble(l.replaceAll(".*loss ([0-9.]+).*", "$1"))).toList();
        assertEquals(5, losses.size(), log.toString());
        assertTrue(losses.get(4) < losses.get(0), losses.toString());
    }
}
