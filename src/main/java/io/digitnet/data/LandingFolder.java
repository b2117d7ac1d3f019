package io.digitnet.data;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.types.StructType;

/**
 * A landing folder, where files arrive all day, as a streaming table of images to score:
 * Spark's file sources, each file once. Image files (PNG, JPEG) through the binaryFile
 * source, with the columns a folder of scans has in batch scoring; Parquet files with the
 * schema of one of them; CSV files whole through the binaryFile source, split into their
 * lines on the executors, each numbered within its file (a line's number across files,
 * batch scoring's id, is not known to a stream). Files whose names (or a folder's between) start with '.' or '_' are
 * not read: a file is written under such a name and renamed when complete.
 */
public final class LandingFolder {
    /** Scans by name, in any case, as batch scoring takes them (Hadoop's glob has no flag for case). */
    private static final String IMAGE_NAMES = "*.{[pP][nN][gG],[jJ][pP][gG],[jJ][pP][eE][gG]}";

    private LandingFolder() {}

    /**
     * @param filesPerBatch at most this many files a batch
     * @param maxFileAge how much older than the newest file seen a file may be and still be read
     */
    public static ImageTable read(SparkSession spark, DigitLoader.Source source, String imageColumn, int filesPerBatch,
            String maxFileAge) {
        String folder = source.input();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (!HadoopFiles.existing(new Path(folder), conf, "landing folder").isDirectory()) {
            throw new BadInputException(folder + ": expected a landing folder, found a file");
        }
        DataStreamReader reader = spark.readStream().option("maxFilesPerTrigger", filesPerBatch)
                .option("maxFileAge", maxFileAge).option("recursiveFileLookup", true);
        DigitLoader.Format format = source.format() == DigitLoader.Format.AUTO && firstFile(conf, folder) == null
                ? null : DigitLoader.resolve(spark, source);
        if (format == null) {
            throw new BadInputException(folder + ": no files have arrived yet, so their format is unknown; say "
                    + "--input-format images, parquet or csv");
        }
        return switch (format) {
            case IMAGES -> new ImageTable(reader.format("binaryFile").schema(ImageFolders.SCHEMA)
                    .option("pathGlobFilter", IMAGE_NAMES).load(folder),
                    ImageFolders.CONTENT, ImageForm.IMAGE_FILE);
            case PARQUET -> DigitLoader.parquetImages(reader.schema(parquetSchema(spark, conf, folder)).parquet(folder),
                    imageColumn, folder);
            case CSV -> new ImageTable(reader.format("binaryFile").schema(ImageFolders.SCHEMA)
                    .option("pathGlobFilter", "*.{csv,CSV}").load(folder)
                    .flatMap((FlatMapFunction<Row, Row>) file -> CsvDigits.landedLines(file.getString(0),
                            (byte[]) file.get(3)), Encoders.row(CsvDigits.LANDED)),
                    CsvDigits.LINE, ImageForm.CSV_LINE);
            default -> throw new BadInputException("--input-format: expected images, parquet or csv for a landing "
                    + "folder, found " + format.name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /**
     * Refuses an incremental output that overlaps the landing folder (the output would land
     * in it), or that exists without being one ({@code marker}, a file every such output has).
     */
    public static void checkOutput(String output, String folder, String marker, Configuration conf) {
        Path out = new Path(output);
        FileSystem fs = HadoopFiles.fileSystem(out, conf);
        PathOverlap.refuse(fs.makeQualified(out), "--output " + output, java.util.List.of(folder), conf);
        try {
            if (fs.exists(out) && !fs.exists(new Path(out, marker)) && fs.listStatus(out).length > 0) {
                throw new BadInputException("--output " + output + ": expected a new folder or the output of earlier "
                        + "incremental runs, found a folder without " + marker + " (nothing was touched)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + output, e);
        }
    }

    /** The schema of a Parquet file in the folder: the stream's, which every file that lands must share. */
    private static StructType parquetSchema(SparkSession spark, Configuration conf, String folder) {
        Path file = firstFile(conf, folder);
        if (file == null) {
            throw new BadInputException(folder + ": no Parquet file has arrived yet to take the table's columns from");
        }
        return spark.read().parquet(file.toString()).schema();
    }

    /** The first file under the folder that is not hidden, or null. */
    private static Path firstFile(Configuration conf, String folder) {
        Path root = new Path(folder);
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        Path[] found = {null};
        try {
            Path qualified = fs.makeQualified(root);
            HadoopFiles.forEachFile(fs, qualified, file -> {
                if (!HadoopFiles.isHidden(qualified, file.getPath())) {
                    found[0] = file.getPath();
                }
                return found[0] == null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        return found[0];
    }
}
