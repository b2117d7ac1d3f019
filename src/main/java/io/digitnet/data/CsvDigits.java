package io.digitnet.data;

import io.digitnet.BadInputException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Digits in the common CSV layout {@code label,p0,...,p783}: one image a line, label
 * 0..9, pixels 0..255, an optional header line starting with "label" (a file with one has
 * a label on every row). Rows are numbered in file order (header and blank lines not
 * counted); a malformed row fails the job with its file, its row in that file and what is
 * wrong, never skipped.
 */
public final class CsvDigits {
    static final int FIELDS = 1 + DigitImages.PIXELS;
    /** The scoring table's column holding a line as read. */
    public static final String LINE = "line";
    /** A line as scoring gets it: its text, and whether its file has a header (then it must have a label). */
    static final StructType LINE_TYPE = new StructType()
            .add("text", DataTypes.StringType, false)
            .add("headed", DataTypes.BooleanType, false);

    private CsvDigits() {}

    /** Rows (id, label, pixels) of a CSV file or a folder of them. */
    public static Dataset<Row> read(SparkSession spark, String path, int partitions) {
        requireExists(spark, path);
        JavaRDD<Row> rows = CsvLines.read(spark, path, partitions).map(line -> parse(line.file(), line.text(),
                line.id(), line.row()));
        return spark.createDataFrame(rows, DigitFrames.COMPACT);
    }

    static boolean isHeader(String line) {
        return line.stripLeading().regionMatches(true, 0, "label", 0, 5);
    }

    /** Row {@code id} of the input, {@code row} of its {@code file}; the error names the file and that row. */
    static Row parse(String file, String line, long id, long row) {
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw bad(file, row, "expected " + FIELDS + " comma-separated values (label, then "
                    + DigitImages.PIXELS + " pixels), found " + fields.length);
        }
        Integer label = labelOf(fields[0]);
        if (label == null) {
            throw bad(file, row, "label: expected an integer 0.." + (DigitImages.CLASSES - 1) + ", found '"
                    + abbreviate(fields[0].strip()) + "'");
        }
        byte[] pixels = new byte[DigitImages.PIXELS];
        String problem = readPixels(fields, 1, (p, value) -> pixels[p] = (byte) value);
        if (problem != null) {
            throw bad(file, row, problem);
        }
        return RowFactory.create(id, label, pixels);
    }

    /**
     * Rows (id, label, line) for scoring, where a malformed line is a reject rather than a
     * failed job: id numbers the lines as {@link #read} does, label is the first of 785
     * fields when it is a digit (else null), and line holds the text with whether its file
     * has a header, for {@link #greyLevels}.
     */
    public static Dataset<Row> lines(SparkSession spark, String path, int partitions) {
        requireExists(spark, path);
        JavaRDD<Row> rows = CsvLines.read(spark, path, partitions).map(numbered -> {
            String line = numbered.text();
            return RowFactory.create(numbered.id(), labelOfLine(line), RowFactory.create(line, numbered.headed()));
        });
        return spark.createDataFrame(rows, new StructType()
                .add(DigitFrames.ID, DataTypes.LongType, false)
                .add(DigitFrames.LABEL, DataTypes.IntegerType, true)
                .add(LINE, LINE_TYPE, false));
    }

    /** A landed CSV file's lines for scoring: its path, the line's row in it (from 0), label or null, and the line. */
    public static final StructType LANDED = new StructType()
            .add(ImageFolders.PATH, DataTypes.StringType, false)
            .add("row", DataTypes.LongType, false)
            .add(DigitFrames.LABEL, DataTypes.IntegerType, true)
            .add(LINE, LINE_TYPE, false);

    /**
     * The data lines of one whole CSV file (as the binaryFile source gives it), as {@link
     * #LANDED} rows: numbered as {@link #lines} numbers a file's rows (header and blank lines
     * not counted), labelled the same way.
     */
    public static java.util.Iterator<Row> landedLines(String path, byte[] content) {
        String[] all = new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n", -1);
        boolean headed = all.length > 0 && isHeader(all[0]);
        java.util.List<Row> rows = new java.util.ArrayList<>();
        for (int i = headed ? 1 : 0; i < all.length; i++) {
            String line = all[i];
            if (!line.isBlank()) {
                rows.add(RowFactory.create(path, (long) rows.size(), labelOfLine(line), RowFactory.create(line, headed)));
            }
        }
        return rows.iterator();
    }

    /** A line's label: the first of 785 fields when it is a digit, else null. */
    private static Integer labelOfLine(String line) {
        int comma = line.indexOf(',');
        return comma > 0 && line.chars().filter(c -> c == ',').count() == FIELDS - 1
                ? labelOf(line.substring(0, comma)) : null;
    }

    /**
     * The pixels of one line of {@link #LINE_TYPE}, 784 integers 0..255 with or without a
     * label before them (with one if its file has a header), as grey levels put in
     * {@code images[index]}; null, or what is wrong.
     */
    static String greyLevels(Row line, byte[][] images, int index) {
        String[] fields = line.getString(0).split(",", -1);
        if (line.getBoolean(1) && fields.length != FIELDS) {
            return "expected " + FIELDS + " values (label, then " + DigitImages.PIXELS + " pixels) as the header "
                    + "says, found " + fields.length;
        }
        if (fields.length != FIELDS && fields.length != FIELDS - 1) {
            return "expected " + (FIELDS - 1) + " or " + FIELDS + " comma-separated values, found " + fields.length;
        }
        byte[] pixels = new byte[DigitImages.PIXELS];
        String problem = readPixels(fields, fields.length - DigitImages.PIXELS, (p, value) -> pixels[p] = (byte) value);
        images[index] = pixels;
        return problem;
    }

    private interface PixelSink {
        void put(int pixel, int value);
    }

    /** Parses fields[first..first+784) as pixels 0..255 into the sink; null, or what is wrong. */
    private static String readPixels(String[] fields, int first, PixelSink sink) {
        for (int p = 0; p < DigitImages.PIXELS; p++) {
            String text = fields[first + p].strip();
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return "pixel " + p + ": expected an integer 0..255, found '" + abbreviate(text) + "'";
            }
            if (value < 0 || value > 255) {
                return "pixel " + p + ": expected 0..255, found " + value;
            }
            sink.put(p, value);
        }
        return null;
    }

    /** A label field's digit, or null if it is not one. */
    private static Integer labelOf(String field) {
        String text = field.strip();
        return text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '9' ? text.charAt(0) - '0' : null;
    }

    private static BadInputException bad(String file, long row, String problem) {
        return new BadInputException(file + ": row " + row + ": " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    private static void requireExists(SparkSession spark, String path) {
        HadoopFiles.existing(new Path(path), spark.sparkContext().hadoopConfiguration(), "file or directory");
    }
}
