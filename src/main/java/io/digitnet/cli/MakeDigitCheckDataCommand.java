package io.digitnet.cli;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.data.WholeDigitData;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet make-digit-check-data}: examples a "whole digit" check is trained on, in ingest's Parquet format. */
@Command(
        name = "make-digit-check-data",
        mixinStandardHelpOptions = true,
        description = "Write N rows in ingest's Parquet format (id, label, pixels) for training a whole digit check "
                + "(train --layers 784,128,2 --output softmax --epochs 20): made from the MNIST training images "
                + "drawn 2.4-3.6 times larger and normalised as a field's piece is, half one whole digit (label 1), a quarter two "
                + "digits touching or overlapping and a quarter part of a digit (label 0), the same rows for the "
                + "same --seed.")
final class MakeDigitCheckDataCommand implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", defaultValue = "120000",
            description = "rows to write (default: ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Parquet directory to write")
    String out;

    @Mixin
    MnistOption mnist;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "picks the images, kinds, sizes, overlaps and cuts (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Options.positive(rows, "--rows");
        DigitLoader.Source images = mnist.trainingSet();
        long started = System.nanoTime();
        SparkSession spark = sparkOptions.session("make-digit-check-data");
        OutputDir output = OutputDir.begin(out, overwrite, spark.sparkContext().hadoopConfiguration(), "--out",
                images.paths());
        WholeDigitData.Written written = WholeDigitData.run(spark, images, output, rows, seed, 0);
        System.out.printf("make-digit-check-data: %d rows to %s (%.1f %% whole digits, %d files, %.1f MB) in %.1f s%n",
                written.parquet().rows(), out, 100.0 * written.wholes() / written.parquet().rows(),
                written.parquet().files(), written.parquet().bytes() / 1e6, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
