package io.digitnet.bench;

import static org.apache.spark.sql.functions.col;

import io.digitnet.data.DigitFrames;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.SampleDecoder;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Samples;
import io.digitnet.train.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The same network and strategy trained without Spark, on one thread per partition over
 * the very same partitions (Spark only reads the files and hands the rows to the driver,
 * before the clock starts): seconds per epoch, to set against our Spark trainer's.
 */
final class PlainBenchmark {

    /**
     * @param epochSeconds each epoch's seconds
     * @param parameters the weights after the last epoch
     */
    record Result(List<Double> epochSeconds, Parameters parameters, int threads, long trainRows, int validationRows) {}

    /** The training rows on the driver, one matrix per partition, and the validation rows. */
    record Data(Samples[] parts, Samples validation, long trainRows) {}

    private PlainBenchmark() {}

    /** Collects the very rows (and partitions) our trainer's TrainingData holds; Spark only reads the files. */
    static Data load(SparkSession spark, DigitLoader.Source train, TrainSettings settings) {
        TrainingSplit split = new TrainingSplit(settings.seed(), settings.validationFraction(), settings.partitions());
        Dataset<Row> table = DigitLoader.table(spark, train, 0);
        boolean pixels = SampleDecoder.hasPixels(table.schema());
        Dataset<Row> rows = table.select(col(DigitFrames.ID), col(DigitFrames.LABEL),
                col(pixels ? DigitFrames.PIXELS : DigitFrames.FEATURES));

        List<Row> trainingRows = rows.filter(split.trainingRow()).withColumn("partition", split.partition())
                .orderBy("partition", DigitFrames.ID).collectAsList();
        Samples[] parts = new Samples[split.partitions()];
        long trainRows = 0;
        for (int p = 0; p < parts.length; p++) {
            List<Row> mine = new ArrayList<>();
            for (Row row : trainingRows) {
                if (row.getInt(row.fieldIndex("partition")) == p) {
                    mine.add(row);
                }
            }
            parts[p] = new SampleDecoder(train.input(), pixels).decode(mine.iterator());
            trainRows += parts[p].count;
        }
        trainingRows = null;
        List<Row> validationRows = rows.filter(split.heldOut()).orderBy(DigitFrames.ID).collectAsList();
        Samples validation = new SampleDecoder(train.input(), pixels).decode(validationRows.iterator());
        return new Data(parts, validation, trainRows);
    }

    /** Trains {@code epochs} epochs from the initial weights, timing each. */
    static Result run(Data data, TrainSettings settings, int epochs, String name, Consumer<String> log)
            throws InterruptedException {
        Samples[] parts = data.parts();
        Samples validation = data.validation();
        List<Double> epochSeconds = new ArrayList<>();
        try (PlainTrainer trainer = new PlainTrainer(settings, parts, validation)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long started = System.nanoTime();
                double loss = trainer.epoch(epoch);
                double seconds = (System.nanoTime() - started) / 1e9;
                epochSeconds.add(seconds);
                log.accept(String.format("%s: epoch %d/%d  loss %.4f  %.2f s", name, epoch + 1, epochs, loss, seconds));
            }
            return new Result(epochSeconds, trainer.parameters(), parts.length, data.trainRows(), validation.count);
        }
    }
}
