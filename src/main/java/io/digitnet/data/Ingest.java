package io.digitnet.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns digits from IDX or CSV into the compact Parquet table (id, label, pixels): 784
 * bytes an image instead of 784 doubles, files of at most {@code rowsPerFile} rows, rows
 * in source order, and the directory committed only when complete.
 */
public final class Ingest {

    private Ingest() {}

    /** Writes the input to {@code output}; returns what was written. */
    public static WrittenParquet run(SparkSession spark, DigitLoader.Source source, OutputDir output,
            int partitions, int rowsPerFile) {
        Dataset<Row> rows = DigitLoader.compact(spark, source, partitions);
        StagedWrite.run(spark.sparkContext(), output,
                staging -> rows.write().option("maxRecordsPerFile", rowsPerFile).parquet(staging));
        return WrittenParquet.of(spark.sparkContext().hadoopConfiguration(), output.target());
    }
}
