package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import io.digitnet.BadInputException;
import io.digitnet.nn.Seeds;
import io.digitnet.nn.Shift;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Digits in ingest's Parquet format at the sizes scoring runs at (millions of rows), made
 * from a small set of images, MNIST's 10000 test images by default: row i shows an image
 * picked at random and moved by up to {@link #MAX_SHIFT} pixels, both drawn from a random
 * stream of its own derived from (seed, i). A row depends on nothing else, so the output
 * is the same for the same seed whatever the partitioning, and a re-run task makes the
 * same rows. The images are collected to the driver and broadcast; the executors make the
 * rows, so the driver never holds more than the images.
 */
public final class ScaleData {
    /** The scanned form a row stands for: "form-" and the row's id in 10 digits. */
    public static final String FORM_ID = "form_id";
    public static final StructType SCHEMA = DigitFrames.COMPACT.add(FORM_ID, DataTypes.StringType, false);
    public static final int MAX_SHIFT = 2;
    /** A task's rows when Spark's parallelism does not ask for more tasks: one default-sized file. */
    private static final long ROWS_PER_TASK = 500_000;

    private static final Shift SHIFT = new Shift(DigitImages.SIDE, MAX_SHIFT);
    private static final int FORM_DIGITS = 10;

    /** The images rows are made from, one after the other in {@code pixels}, and their labels. */
    record Images(byte[] pixels, int[] labels) implements Serializable {
        int count() {
            return labels.length;
        }

        byte[] image(int index) {
            return Arrays.copyOfRange(pixels, index * DigitImages.PIXELS, (index + 1) * DigitImages.PIXELS);
        }
    }

    private ScaleData() {}

    /**
     * Writes {@code rows} rows (ids 0..rows-1, in id order within each file) made from the
     * images of {@code images} into {@code output}, at most {@code rowsPerFile} a file, in
     * {@code partitions} tasks (0: Spark's default parallelism, more for many rows).
     */
    public static WrittenParquet run(SparkSession spark, DigitLoader.Source images, OutputDir output, long rows,
            long seed, int rowsPerFile, int partitions) {
        return run(spark, images, output, rows, seed, rowsPerFile, partitions, false);
    }

    /** The same, each image also {@code distorted} at random ({@link Distortion}) rather than only moved. */
    public static WrittenParquet run(SparkSession spark, DigitLoader.Source images, OutputDir output, long rows,
            long seed, int rowsPerFile, int partitions, boolean distorted) {
        return write(spark, images, output, rows, partitions, ROWS_PER_TASK, rowsPerFile, SCHEMA,
                (id, made) -> row(id, seed, made, distorted));
    }

    /** Makes row {@code id} from the images, on an executor; it must depend on nothing else. */
    @FunctionalInterface
    interface RowMaker extends Serializable {
        Row row(long id, Images images);
    }

    /**
     * Writes rows 0..rows-1 of {@code schema}, each made by {@code maker} from the images of
     * {@code images} broadcast to the executors, into {@code output}: in {@code partitions}
     * tasks (0: Spark's default parallelism, more when there are over {@code rowsPerTask}
     * rows a task), at most {@code rowsPerFile} a file (0: no limit).
     */
    static WrittenParquet write(SparkSession spark, DigitLoader.Source images, OutputDir output, long rows,
            int partitions, long rowsPerTask, int rowsPerFile, StructType schema, RowMaker maker) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Images> broadcast = jsc.broadcast(collect(spark, images));
        int tasks = partitions > 0 ? partitions
                : (int) Math.max(jsc.defaultParallelism(), (rows + rowsPerTask - 1) / rowsPerTask);
        Dataset<Row> table = spark.range(0, rows, 1, tasks)
                .map((MapFunction<Long, Row>) id -> maker.row(id, broadcast.value()), Encoders.row(schema));
        try {
            StagedWrite.run(spark.sparkContext(), output,
                    staging -> table.write().option("maxRecordsPerFile", rowsPerFile).parquet(staging));
        } finally {
            broadcast.destroy();
        }
        return WrittenParquet.of(spark.sparkContext().hadoopConfiguration(), output.target());
    }

    /** The images on the driver, in id order; each must be 28x28. */
    static Images collect(SparkSession spark, DigitLoader.Source source) {
        List<Row> table = DigitLoader.compact(spark, source, 0).orderBy(col(DigitFrames.ID)).collectAsList();
        if (table.isEmpty()) {
            throw new BadInputException(source.input() + ": expected images to make rows from, found none");
        }
        byte[] pixels = new byte[table.size() * DigitImages.PIXELS];
        int[] labels = new int[table.size()];
        for (int i = 0; i < table.size(); i++) {
            Row row = table.get(i);
            byte[] image = (byte[]) row.get(2);
            if (image.length != DigitImages.PIXELS) {
                throw new BadInputException(source.input() + ": image id " + row.getLong(0) + ": expected "
                        + DigitImages.PIXELS + " pixel bytes, found " + image.length);
            }
            System.arraycopy(image, 0, pixels, i * DigitImages.PIXELS, DigitImages.PIXELS);
            labels[i] = row.getInt(1);
        }
        return new Images(pixels, labels);
    }

    /**
     * Row {@code id}: (id, label, pixels, form_id) of a random image moved (or distorted) at
     * random, all drawn from (seed, id).
     */
    static Row row(long id, long seed, Images images, boolean distorted) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, id, 0));
        int image = random.nextInt(images.count());
        byte[] pixels = new byte[DigitImages.PIXELS];
        if (distorted) {
            Distortion.apply(images.pixels(), image * DigitImages.PIXELS, pixels, random);
        } else {
            SHIFT.copy(images.pixels(), image * DigitImages.PIXELS, pixels, 0, DigitImages.PIXELS, random);
        }
        return RowFactory.create(id, images.labels()[image], pixels, formId(id));
    }

    static String formId(long id) {
        String digits = Long.toString(id);
        return "form-" + "0".repeat(Math.max(0, FORM_DIGITS - digits.length())) + digits;
    }
}
