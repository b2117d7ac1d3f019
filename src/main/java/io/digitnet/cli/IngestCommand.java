package io.digitnet.cli;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.Ingest;
import io.digitnet.data.WrittenParquet;
import io.digitnet.data.OutputDir;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet ingest}: IDX or CSV digits into compact Parquet (id, label, pixels); a folder of scans packed. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Turn MNIST IDX image+label files (raw or gzip) or CSV (label,p0,...,p783) into "
                + "Parquet with columns id (long), label (int), pixels (binary, 784 bytes); or pack a folder of "
                + "PNG/JPEG scans into Parquet with columns path, modificationTime, length, content (the file's "
                + "bytes), which score reads as it reads the folder.")
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "IDX images file (its labels file is found beside it by name, or given by --labels), "
                    + "CSV file or folder, or a folder of PNG/JPEG scans; any Hadoop path (file://, hdfs://, s3a://)")
    String input;

    @Option(names = "--labels", paramLabel = "PATH",
            description = "IDX labels file for an images file not named *images-idx3*")
    String labels;

    @Option(names = {"--input-format", "--format"}, paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, idx, csv or images (default: ${DEFAULT-VALUE}: by the files' names)")
    String format;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet directory to write")
    String output;

    @Option(names = "--rows-per-file", paramLabel = "N", defaultValue = "500000",
            description = "at most this many rows per Parquet file (default: ${DEFAULT-VALUE}, about 80 MB)")
    int rowsPerFile;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "read tasks (default: 0, Spark's default parallelism, more for large raw IDX files)")
    int partitions;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        DigitLoader.Source source = new DigitLoader.Source(input, labels, Options.format(format, "--input-format",
                DigitLoader.Format.AUTO, DigitLoader.Format.IDX, DigitLoader.Format.CSV, DigitLoader.Format.IMAGES));
        Options.positive(rowsPerFile, "--rows-per-file");
        Options.notNegative(partitions, "--partitions");
        long started = System.nanoTime();
        SparkSession spark = sparkOptions.session("ingest");
        OutputDir out = OutputDir.begin(output, overwrite, spark.sparkContext().hadoopConfiguration(), "--output",
                source.paths());
        WrittenParquet result = Ingest.run(spark, source, out, partitions, rowsPerFile, System.out::println);
        System.out.printf("ingest: %d rows from %s to %s (%d files, %.1f MB) in %.1f s%n",
                result.rows(), input, output, result.files(), result.bytes() / 1e6,
                (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
