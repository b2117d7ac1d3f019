package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import io.digitnet.BadInputException;
import io.digitnet.data.images.UnreadableImageException;
import io.digitnet.data.images.WholeDigitExamples;
import io.digitnet.nn.Seeds;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Training data for a "whole digit" check, in ingest's Parquet format (id, label, pixels):
 * row i is a {@link WholeDigitExamples} example, label 1 for one whole digit and 0 for two
 * touching digits or a part of one, drawn from a random stream of its own derived from
 * (seed, i). As in {@link ScaleData}, a row depends on nothing else (the same output for
 * the same seed whatever the partitioning), and the images are collected to the driver
 * and broadcast.
 */
public final class WholeDigitData {
    /** A task's rows when Spark's parallelism does not ask for more tasks. */
    private static final long ROWS_PER_TASK = 100_000;

    /** What a run wrote, and how many of its rows are whole digits (label 1). */
    public record Written(WrittenParquet parquet, long wholes) {}

    private WholeDigitData() {}

    /**
     * Writes {@code rows} examples (ids 0..rows-1) made from the images of {@code images}
     * into {@code output}, in {@code partitions} tasks (0: Spark's default parallelism, more
     * for many rows).
     */
    public static Written run(SparkSession spark, DigitLoader.Source images, OutputDir output, long rows,
            long seed, int partitions) {
        String input = images.input();
        WrittenParquet written = ScaleData.write(spark, images, output, rows, partitions, ROWS_PER_TASK, 0,
                DigitFrames.COMPACT, (id, made) -> row(id, seed, made, input));
        // Counted from what was written, the label column alone: the rows are not made twice.
        long wholes = spark.read().parquet(output.target()).where(col(DigitFrames.LABEL).equalTo(1)).count();
        return new Written(written, wholes);
    }

    /** Row {@code id}: (id, label, pixels) of an example drawn from (seed, id). */
    static Row row(long id, long seed, ScaleData.Images images, String input) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, id, 0));
        try {
            WholeDigitExamples.Example example = WholeDigitExamples.draw(random, images.count(), images::image);
            return RowFactory.create(id, example.label(), example.pixels());
        } catch (UnreadableImageException e) {
            // Only an image without ink at that level (a blank one) leaves nothing to draw.
            throw new BadInputException(input + ": expected images with ink of level " + WholeDigitExamples.PAPER_BELOW
                    + " or more, found one without (drawn for row id " + id + ")");
        }
    }
}
