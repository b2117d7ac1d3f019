package io.digitnet.cli;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScaleData;
import io.digitnet.data.WrittenParquet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet make-scale-data}: millions of rows in ingest's Parquet format, for measuring scoring. */
@Command(
        name = "make-scale-data",
        mixinStandardHelpOptions = true,
        description = "Write N rows in ingest's Parquet format (id, label, pixels) plus a form_id column, made from "
                + "the MNIST test images: each row a test image picked at random and moved by up to "
                + ScaleData.MAX_SHIFT + " pixels, the same rows for the same --seed.")
final class MakeScaleDataCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, paramLabel = "N", description = "rows to write, e.g. 1000000")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Parquet directory to write")
    String out;

    @Mixin
    MnistOption mnist;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "picks the images and their shifts (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rows-per-file", paramLabel = "N", defaultValue = "500000",
            description = "at most this many rows per Parquet file (default: ${DEFAULT-VALUE}, about 80 MB)")
    int rowsPerFile;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Options.positive(rows, "--rows");
        Options.positive(rowsPerFile, "--rows-per-file");
        DigitLoader.Source images = mnist.testSet();
        long started = System.nanoTime();
        SparkSession spark = sparkOptions.session("make-scale-data");
        OutputDir output = OutputDir.begin(out, overwrite, spark.sparkContext().hadoopConfiguration(), "--out",
                images.paths());
        WrittenParquet written = ScaleData.run(spark, images, output, rows, seed, rowsPerFile, 0);
        System.out.printf("make-scale-data: %d rows to %s (%d files, %.1f MB) in %.1f s%n", written.rows(), out,
                written.files(), written.bytes() / 1e6, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
