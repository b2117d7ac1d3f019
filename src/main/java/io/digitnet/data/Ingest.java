package io.digitnet.data;

import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns digits from IDX or CSV into the compact Parquet table (id, label, pixels): 784
 * bytes an image instead of 784 doubles, files of at most {@code rowsPerFile} rows, rows
 * in source order, and the directory committed only when complete. A folder of scans is
 * packed instead: its image files' bytes as they are, a row each, so that a night's
 * millions of scans are read from a few large files rather than opened one by one.
 */
public final class Ingest {
    /**
     * A packed file holds about this much: one a task, few for a night of scans, and each
     * still split into several row groups for the scoring tasks to share.
     */
    private static final long PACKED_FILE_BYTES = 512L << 20;
    /**
     * Row groups of packed scans: a scoring task reads one row group's images into memory at
     * a time, and a table of 10,000 scans (70 MB) still gives two cores one each.
     */
    private static final long PACKED_ROW_GROUP_BYTES = 64L << 20;

    private Ingest() {}

    /**
     * Writes the input to {@code output}; returns what was written. {@code partitions}: read
     * tasks (0: Spark's default parallelism, and for scans one a 512 MB file).
     */
    public static WrittenParquet run(SparkSession spark, DigitLoader.Source source, OutputDir output,
            int partitions, int rowsPerFile, Consumer<String> log) {
        if (DigitLoader.resolve(spark, source) == DigitLoader.Format.IMAGES) {
            return pack(spark, source.input(), output, partitions, rowsPerFile, log);
        }
        Dataset<Row> rows = DigitLoader.compact(spark, source, partitions);
        StagedWrite.run(spark.sparkContext(), output,
                staging -> rows.write().option("maxRecordsPerFile", rowsPerFile).parquet(staging));
        return WrittenParquet.of(spark.sparkContext().hadoopConfiguration(), output.target());
    }

    /**
     * A folder of scans into Parquet of ImageFolders' rows (path, modificationTime, length,
     * content), in the listing's order, every image file included, empty or broken (score
     * rejects those with their reason), hidden ones left out and counted as score does.
     */
    private static WrittenParquet pack(SparkSession spark, String folder, OutputDir output, int partitions,
            int rowsPerFile, Consumer<String> log) {
        ImageFolders.Listing listing = ImageFolders.list(spark, folder);
        if (listing.hidden().files() > 0) {
            log.accept("ingest: " + listing.hidden().describe());
        }
        int tasks = partitions > 0 ? partitions : (int) Math.max(spark.sparkContext().defaultParallelism(),
                (listing.bytes() + PACKED_FILE_BYTES - 1) / PACKED_FILE_BYTES);
        Dataset<Row> rows = ImageFolders.rows(spark, listing, tasks);
        StagedWrite.run(spark.sparkContext(), output, staging -> rows.write()
                .option("maxRecordsPerFile", rowsPerFile)
                .option("parquet.block.size", PACKED_ROW_GROUP_BYTES)
                // Every path and every file differs: a dictionary would only be tried and dropped.
                .option("parquet.enable.dictionary", false)
                .parquet(staging));
        return WrittenParquet.of(spark.sparkContext().hadoopConfiguration(), output.target());
    }
}
