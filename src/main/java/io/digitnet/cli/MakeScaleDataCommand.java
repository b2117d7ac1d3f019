package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScaleData;
import io.digitnet.data.WrittenParquet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet make-scale-data}: millions of labelled rows in ingest's Parquet format, for scoring and training at scale. */
@Command(
        name = "make-scale-data",
        mixinStandardHelpOptions = true,
        description = "Write N rows in ingest's Parquet format (id, label, pixels) plus a form_id column, made from "
                + "MNIST's images: each row an image picked at random and moved by up to " + ScaleData.MAX_SHIFT
                + " pixels (with --distort, also rotated, scaled and sheared a little), the same rows for the same "
                + "--seed. Rows for scoring come from the test images; a training set, from the training images "
                + "(--images train), so that the test set stays unseen.")
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

    @Option(names = "--images", paramLabel = "test|train", defaultValue = "test",
            description = "which MNIST images the rows are made from (default: ${DEFAULT-VALUE})")
    String images;

    @Option(names = "--distort",
            description = "rotate (up to 12 degrees), scale (up to 10 %), shear and shift every image at random, "
                    + "continuously: no two rows alike, so a large training set is not a small one repeated")
    boolean distort;

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
        DigitLoader.Source source = switch (images) {
            case "test" -> mnist.testSet();
            case "train" -> mnist.trainingSet();
            default -> throw new BadInputException("--images: expected test or train, found " + images);
        };
        long started = System.nanoTime();
        SparkSession spark = sparkOptions.session("make-scale-data");
        OutputDir output = OutputDir.begin(out, overwrite, spark.sparkContext().hadoopConfiguration(), "--out",
                source.paths());
        WrittenParquet written = ScaleData.run(spark, source, output, rows, seed, rowsPerFile, 0, distort);
        System.out.printf("make-scale-data: %d rows to %s (%d files, %.1f MB) in %.1f s%n", written.rows(), out,
                written.files(), written.bytes() / 1e6, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
