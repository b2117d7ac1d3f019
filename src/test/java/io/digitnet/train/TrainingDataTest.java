package io.digitnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import io.digitnet.nn.Schedule;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;

/**
 * The cached training rows on the real MNIST test set (10,000 digits): compact, and on disk
 * (where MEMORY_AND_DISK puts what memory does not hold) the same model as in memory; the
 * validation the executors measure is what the driver would measure.
 */
class TrainingDataTest {
    private static final TrainSettings SETTINGS = new TrainSettings(Architecture.CLASSIC, Strategy.AVERAGE,
            new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 0.00005), Schedule.COSINE,
            10, 0.5, 2, 16, 2, 3, 5, 0.0833, 0, 1);

    /** What a run left: the cache's bytes in memory and on disk, the rows' bytes, each epoch's validation accuracy, the weights. */
    private record Run(long memory, long disk, long cachedBytes, long rows, List<Double> validation,
            Trainer.Progress done, double driverValidation) {}

    private static Run train(SparkSession spark) {
        DigitLoader.Source source = DigitLoader.Source.of(MnistDir.require().resolve("t10k-images-idx3-ubyte.gz").toString());
        Dataset<Row> digits = DigitLoader.table(spark, source, 0);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        try (TrainingData data = TrainingData.prepare(digits, source.input(), 10, SETTINGS.partitions(),
                SETTINGS.validationFraction(), SETTINGS.seed())) {
            long memory = 0;
            long disk = 0;
            for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
                memory += info.memSize();
                disk += info.diskSize();
            }
            Trainer trainer = new Trainer(SETTINGS, line -> {});
            Trainer.Progress done = trainer.train(jsc, data, trainer.start(), p -> {});
            List<Row> held = digits.filter(TrainingData.heldOut(SETTINGS.seed(), SETTINGS.validationFraction()))
                    .select(DigitFrames.ID, DigitFrames.LABEL, DigitFrames.PIXELS).collectAsList();
            Samples validation = new SampleDecoder(source.input(), true).decode(held.iterator());
            assertEquals(validation.count, data.validationRows());
            double driverValidation = Predictions.accuracy(SETTINGS.architecture(), done.parameters, validation);
            return new Run(memory, disk, data.cachedBytes(), data.trainRows() + data.validationRows(),
                    done.epochs.stream().map(EpochMetrics::validationAccuracy).toList(), done, driverValidation);
        }
    }

    @Test
    void rowsCachedOnDiskTrainTheSameModel() {
        SparkSession roomy = LocalSpark.start(TrainingDataTest.class);
        Run inMemory;
        try {
            inMemory = train(roomy);
        } finally {
            LocalSpark.stop(roomy);
        }
        SparkSession tight = LocalSpark.builder(TrainingDataTest.class)
                .config(TrainingData.STORAGE_LEVEL, "DISK_ONLY") // as rows that memory does not hold
                .getOrCreate();
        Run spilled;
        try {
            spilled = train(tight);
        } finally {
            LocalSpark.stop(tight);
        }

        assertEquals(0, inMemory.disk());
        assertTrue(inMemory.memory() > 0);
        assertEquals(0, spilled.memory());
        assertTrue(spilled.disk() > inMemory.memory() / 4, "on disk " + spilled.disk() + ", in memory " + inMemory.memory());
        assertEquals(10_000, inMemory.rows());
        assertTrue((double) inMemory.cachedBytes() / inMemory.rows() < 1024, inMemory.cachedBytes() + " bytes");
        assertTrue(spilled.done().parameters.identical(inMemory.done().parameters), "weights");
        assertEquals(inMemory.validation(), spilled.validation());
        assertEquals(inMemory.driverValidation(), inMemory.validation().get(SETTINGS.epochs() - 1));
    }

    /**
     * One partition of more rows than a pass shuffles at once (the test images 30 times
     * over, under new ids): it trains a window at a time, the same model from memory as from
     * disk, and learns.
     */
    @Test
    void aPartitionLargerThanAWindowTrainsTheSameFromMemoryAndDisk() {
        TrainSettings settings = new TrainSettings(Architecture.CLASSIC, Strategy.AVERAGE,
                new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 0.00005), Schedule.COSINE,
                10, 0.5, 1, 16, 2, 1, 5, 0.0833, 0, 1);
        SparkSession spark = LocalSpark.start(TrainingDataTest.class);
        try {
            DigitLoader.Source source = DigitLoader.Source.of(
                    MnistDir.require().resolve("t10k-images-idx3-ubyte.gz").toString());
            Dataset<Row> images = DigitLoader.table(spark, source, 0);
            Dataset<Row> copies = images.crossJoin(spark.range(30).toDF("copy"))
                    .withColumn(DigitFrames.ID, images.col(DigitFrames.ID).multiply(30).plus(col("copy")))
                    .drop("copy");
            List<Trainer.Progress> runs = new java.util.ArrayList<>();
            for (String level : List.of("MEMORY_AND_DISK", "DISK_ONLY")) {
                spark.conf().set(TrainingData.STORAGE_LEVEL, level);
                try (TrainingData data = TrainingData.prepare(copies, source.input(), 10, settings.partitions(),
                        settings.validationFraction(), settings.seed())) {
                    assertEquals(1, data.partitionRows.length);
                    assertTrue(data.partitionRows[0] > MiniBatches.WINDOW_ROWS, data.partitionRows[0] + " rows");
                    assertEquals(300_000, data.trainRows() + data.validationRows());
                    Trainer trainer = new Trainer(settings, line -> {});
                    runs.add(trainer.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), data,
                            trainer.start(), p -> {}));
                }
            }
            assertTrue(runs.get(1).parameters.identical(runs.get(0).parameters), "weights");
            double validation = runs.get(0).epochs.get(0).validationAccuracy();
            assertTrue(validation > 0.85, "validation accuracy " + validation);
        } finally {
            LocalSpark.stop(spark);
        }
    }
}
