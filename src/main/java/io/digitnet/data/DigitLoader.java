package io.digitnet.data;

import static org.apache.spark.sql.functions.col;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Loads digits from any supported input into a DataFrame: IDX image+label files (raw or
 * gzip), CSV ({@code label,p0..p783}), the compact Parquet that ingest writes, Parquet
 * with a vector {@code features} column, and for scoring any Parquet with an image column
 * and folders of image files. The one place that knows input formats.
 */
public final class DigitLoader {

    public enum Format { AUTO, IDX, CSV, PARQUET, IMAGES }

    /**
     * An input: a path, its format, and for IDX the labels file (null: the conventional
     * name beside the images file).
     */
    public record Source(String input, String labels, Format format) {
        public Source {
            if (format == null) {
                format = Format.AUTO;
            }
        }

        public static Source of(String input) {
            return new Source(input, null, Format.AUTO);
        }

        /** The paths read: the input, and the labels file when one is named. */
        public java.util.List<String> paths() {
            return labels == null ? java.util.List.of(input) : java.util.List.of(input, labels);
        }
    }

    private DigitLoader() {}

    /**
     * (id, label, features): 784 values in [0,1] as a dense ml Vector; id is the position
     * in the source. At least {@code partitions} partitions (0: Spark's default
     * parallelism): an input read by fewer tasks, as a gzip file is, is spread out.
     */
    public static Dataset<Row> vectors(SparkSession spark, Source source, int partitions) {
        Dataset<Row> compact;
        if (resolve(spark, source) == Format.PARQUET) {
            Dataset<Row> table = parquet(spark, source.input());
            if (DigitFrames.isVectors(table.schema())) {
                return vectorsOf(table);
            }
            compact = compactParquet(table, source.input());
        } else {
            compact = compact(spark, source, partitions);
        }
        int wanted = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
        if (compact.rdd().getNumPartitions() < wanted) {
            compact = compact.repartition(wanted);
        }
        return DigitFrames.toVectors(compact);
    }

    /**
     * The input in its most compact form, as read: (id, label, pixels) for IDX, CSV and
     * ingest's Parquet; (id, label, features) for Parquet of vectors.
     */
    public static Dataset<Row> table(SparkSession spark, Source source, int partitions) {
        if (resolve(spark, source) == Format.PARQUET) {
            Dataset<Row> table = parquet(spark, source.input());
            if (!DigitFrames.isCompact(table.schema()) && DigitFrames.isVectors(table.schema())) {
                return vectorsOf(table);
            }
            return compactParquet(table, source.input());
        }
        return compact(spark, source, partitions);
    }

    /** (id, label, features) of a Parquet table that holds vectors already, read once. */
    private static Dataset<Row> vectorsOf(Dataset<Row> table) {
        return withIds(table).select(col(DigitFrames.ID), col(DigitFrames.LABEL).cast(DataTypes.IntegerType),
                col(DigitFrames.FEATURES));
    }

    /**
     * (id, label, pixels): 784 grey bytes per image, as ingest stores them, partitioned as
     * read (in source order); {@code partitions} is the read tasks for raw IDX and CSV.
     */
    public static Dataset<Row> compact(SparkSession spark, Source source, int partitions) {
        return switch (resolve(spark, source)) {
            case IDX -> IdxDigits.read(spark, source.input(), labelsOf(source), partitions);
            case CSV -> CsvDigits.read(spark, source.input(), partitions);
            case PARQUET -> compactParquet(parquet(spark, source.input()), source.input());
            case IMAGES -> throw new BadInputException(source.input()
                    + ": expected labelled digits (IDX, CSV or Parquet), found a folder of image files");
            case AUTO -> throw new IllegalStateException("format not resolved");
        };
    }

    /**
     * The input as a table of images to score, each row with its own columns: IDX gives
     * (id, label, pixels), CSV (id, label or null, line), image folders Spark's binaryFile
     * columns (path, modificationTime, length, content), and Parquet its own columns with
     * the image in {@code imageColumn} (null: pixels, else features, else the only column
     * that can hold an image). An empty Parquet table is left to its reader to refuse.
     */
    public static ImageTable imageTable(SparkSession spark, Source source, String imageColumn, int partitions) {
        return switch (resolve(spark, source)) {
            case IDX -> new ImageTable(IdxDigits.read(spark, source.input(), labelsOf(source), partitions),
                    DigitFrames.PIXELS, ImageForm.PIXEL_BYTES);
            case CSV -> new ImageTable(CsvDigits.lines(spark, source.input(), partitions), CsvDigits.LINE,
                    ImageForm.CSV_LINE);
            case IMAGES -> ImageFolders.read(spark, source.input());
            // Not read for emptiness here: the score job counts its rows and refuses none, without a job of its own.
            case PARQUET -> parquetImages(spark.read().parquet(source.input()), imageColumn, source.input());
            case AUTO -> throw new IllegalStateException("format not resolved");
        };
    }

    /**
     * The image column of a Parquet table: {@code imageColumn} if named, else pixels, else
     * features, else a packed folder's content (see {@link ImageFolders#isPacked}), else the
     * only column that can hold an image. A packed folder's content is scored as image files.
     */
    public static ImageTable parquetImages(Dataset<Row> table, String imageColumn, String input) {
        StructType schema = table.schema();
        if (imageColumn != null) {
            if (!java.util.Arrays.asList(schema.fieldNames()).contains(imageColumn)) {
                throw new BadInputException("--image-column " + imageColumn + ": no such column in " + input
                        + " (columns: " + String.join(", ", schema.fieldNames()) + ")");
            }
            return imageColumn.equals(ImageFolders.CONTENT) && ImageFolders.isPacked(schema)
                    ? new ImageTable(table, imageColumn, ImageForm.IMAGE_FILE)
                    : new ImageTable(table, imageColumn, ImageForm.ofColumn(schema, imageColumn, input));
        }
        java.util.List<String> candidates = java.util.Arrays.stream(schema.fields())
                .filter(field -> ImageForm.of(field.dataType()) != null).map(StructField::name).toList();
        if (!candidates.contains(DigitFrames.PIXELS) && !candidates.contains(DigitFrames.FEATURES)
                && ImageFolders.isPacked(schema)) {
            return new ImageTable(table, ImageFolders.CONTENT, ImageForm.IMAGE_FILE);
        }
        String chosen = candidates.contains(DigitFrames.PIXELS) ? DigitFrames.PIXELS
                : candidates.contains(DigitFrames.FEATURES) ? DigitFrames.FEATURES
                : candidates.size() == 1 ? candidates.get(0) : null;
        if (chosen == null) {
            throw new BadInputException(input + ": expected one column of 784 pixel bytes, a vector or an array, found "
                    + (candidates.isEmpty() ? "none in " + schema.simpleString()
                            : String.join(", ", candidates) + " (name one with --image-column)"));
        }
        return new ImageTable(table, chosen, ImageForm.ofColumn(schema, chosen, input));
    }

    /** The format named, or for AUTO the one the path's name and kind suggest. */
    public static Format resolve(SparkSession spark, Source source) {
        if (source.format() != Format.AUTO) {
            return source.format();
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(source.input());
        FileStatus status = HadoopFiles.existing(path, conf, "file or directory");
        if (!status.isDirectory()) {
            return formatOfName(path.getName(), Format.IDX);
        }
        Format[] found = {null};
        try {
            org.apache.hadoop.fs.FileSystem fs = HadoopFiles.fileSystem(path, conf);
            Path root = fs.makeQualified(path);
            java.nio.file.Path local = HadoopFiles.localPath(fs, root);
            if (local != null) {
                found[0] = firstLocalFormat(local);
            } else {
                HadoopFiles.forEachFile(fs, root, file -> {
                    if (!HadoopFiles.isHidden(root, file.getPath())) {
                        found[0] = formatOfName(file.getPath().getName(), null);
                    }
                    return found[0] == null;
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + path, e);
        }
        if (found[0] == null) {
            throw new BadInputException(source.input() + ": a directory with no *.parquet, *.csv, *.png or *.jpg "
                    + "files; expected Parquet, CSV, images, or an IDX images file (or say which format)");
        }
        return found[0];
    }

    /**
     * The first data file's format as above, on the local file system by name: a folder of
     * scans found so is listed again in full when it is read, and only the entries up to the
     * first data file are looked at here. Files before sub-folders, names in order, hidden
     * ones left out, as {@link HadoopFiles#forEachFile} visits them.
     */
    private static Format firstLocalFormat(java.nio.file.Path folder) throws IOException {
        List<java.nio.file.Path> subFolders = new java.util.ArrayList<>();
        for (java.nio.file.Path entry : HadoopFiles.localEntries(folder)) {
            String name = entry.getFileName().toString();
            if (HadoopFiles.isHiddenName(name)) {
                continue;
            }
            Format format = formatOfName(name, null);
            if (java.nio.file.Files.isDirectory(entry)) {
                subFolders.add(entry);
            } else if (format != null) {
                return format;
            }
        }
        for (java.nio.file.Path subFolder : subFolders) {
            Format format = firstLocalFormat(subFolder);
            if (format != null) {
                return format;
            }
        }
        return null;
    }

    private static Format formatOfName(String name, Format otherwise) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return Format.CSV;
        }
        if (ImageFolders.isImageName(lower)) {
            return Format.IMAGES;
        }
        return otherwise;
    }

    private static String labelsOf(Source source) {
        if (source.labels() != null) {
            return source.labels();
        }
        String beside = IdxDigits.labelsBeside(source.input());
        if (beside == null) {
            throw new BadInputException("--labels: needed, as " + source.input()
                    + " is not named *images-idx3*, so its labels file cannot be found beside it");
        }
        return beside;
    }

    private static Dataset<Row> compactParquet(Dataset<Row> table, String input) {
        if (!DigitFrames.isCompact(table.schema())) {
            throw new BadInputException(input + ": expected Parquet with columns id (long), label (int), "
                    + "pixels (binary, 784 bytes) as ingest writes, found " + table.schema().simpleString());
        }
        return table.select(col(DigitFrames.ID), col(DigitFrames.LABEL), col(DigitFrames.PIXELS));
    }

    /** A Parquet input, which must hold a row: looking for one reads a single row group, not the data. */
    private static Dataset<Row> parquet(SparkSession spark, String input) {
        Dataset<Row> table = spark.read().parquet(input);
        if (table.isEmpty()) {
            throw new BadInputException(input + ": no rows (Parquet of " + table.schema().simpleString() + ")");
        }
        return table;
    }

    /** A table of vectors keeps its id column; one without gets its rows' positions. */
    public static Dataset<Row> withIds(Dataset<Row> table) {
        if (java.util.Arrays.asList(table.columns()).contains(DigitFrames.ID)) {
            return table;
        }
        StructType schema = new StructType().add(DigitFrames.ID, DataTypes.LongType, false);
        for (var field : table.schema().fields()) {
            schema = schema.add(field);
        }
        JavaRDD<Row> numbered = table.javaRDD().zipWithIndex().map(pair -> {
            Row row = pair._1();
            Object[] values = new Object[row.size() + 1];
            values[0] = pair._2();
            for (int i = 0; i < row.size(); i++) {
                values[i + 1] = row.get(i);
            }
            return RowFactory.create(values);
        });
        return table.sparkSession().createDataFrame(numbered, schema);
    }
}
