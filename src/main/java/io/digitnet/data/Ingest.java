package io.digitnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns digits from IDX or CSV into the compact Parquet table (id, label, pixels): 784
 * bytes an image instead of 784 doubles, files of at most {@code rowsPerFile} rows, rows
 * in source order, and the directory committed only when complete.
 */
public final class Ingest {

    /** What was written. */
    public record Result(long rows, long files, long bytes) {}

    private Ingest() {}

    public static Result run(SparkSession spark, DigitLoader.Source source, OutputDir output,
            int partitions, int rowsPerFile) {
        Dataset<Row> rows = DigitLoader.compact(spark, source, partitions);
        StagedWrite.run(spark.sparkContext(), output,
                staging -> rows.write().option("maxRecordsPerFile", rowsPerFile).parquet(staging));
        long count = spark.read().parquet(output.target()).count();
        Path files = new Path(output.target(), "*.parquet");
        try {
            FileStatus[] written = HadoopFiles.fileSystem(files, spark.sparkContext().hadoopConfiguration())
                    .globStatus(files);
            return new Result(count, written.length, Arrays.stream(written).mapToLong(FileStatus::getLen).sum());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + output.target(), e);
        }
    }
}
