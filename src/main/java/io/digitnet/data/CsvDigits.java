package io.digitnet.data;

import io.digitnet.BadInputException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Digits in the common CSV layout {@code label,p0,...,p783}: one image a line, label
 * 0..9, pixels 0..255, an optional header line starting with "label". Rows are numbered
 * in file order (header and blank lines not counted); a malformed row fails the job with
 * its number and what is wrong, never skipped.
 */
public final class CsvDigits {
    static final int FIELDS = 1 + DigitImages.PIXELS;

    private CsvDigits() {}

    /** Rows (id, label, pixels) of a CSV file or a folder of them. */
    public static Dataset<Row> read(SparkSession spark, String path, int partitions) {
        requireExists(spark, path);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> lines = partitions > 0 ? jsc.textFile(path, partitions) : jsc.textFile(path);
        JavaRDD<Row> rows = lines
                .filter(line -> !line.isBlank() && !isHeader(line))
                .zipWithIndex()
                .map(numbered -> parse(path, numbered._1(), numbered._2()));
        return spark.createDataFrame(rows, DigitFrames.COMPACT);
    }

    static boolean isHeader(String line) {
        return line.stripLeading().regionMatches(true, 0, "label", 0, 5);
    }

    static Row parse(String source, String line, long id) {
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw bad(source, id, "expected " + FIELDS + " comma-separated values (label, then "
                    + DigitImages.PIXELS + " pixels), found " + fields.length);
        }
        int label = integer(source, id, fields[0], "label", DigitImages.CLASSES - 1);
        byte[] pixels = new byte[DigitImages.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) integer(source, id, fields[i + 1], "pixel " + i, 255);
        }
        return RowFactory.create(id, label, pixels);
    }

    private static int integer(String source, long id, String field, String what, int max) {
        String text = field.strip();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(source, id, what + ": expected an integer 0.." + max + ", found '" + abbreviate(text) + "'");
        }
        if (value < 0 || value > max) {
            throw bad(source, id, what + ": expected 0.." + max + ", found " + value);
        }
        return value;
    }

    private static BadInputException bad(String source, long id, String problem) {
        return new BadInputException(source + ": row " + id + ": " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    private static void requireExists(SparkSession spark, String path) {
        HadoopFiles.existing(new Path(path), spark.sparkContext().hadoopConfiguration(), "file or directory");
    }
}
