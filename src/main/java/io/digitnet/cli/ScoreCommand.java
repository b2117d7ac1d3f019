package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.ReviewThreshold;
import io.digitnet.score.ScoreJob;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code digitnet score}: batch scoring, one outcome per input row. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Score digit images with a model: DIR/scored gets the kept columns, prediction, confidence "
                + "and needs_review per row, DIR/rejects the rows that cannot be scored with the reason; "
                + "input = scored + rejected, printed at the end. DIR appears only when complete.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "ingest Parquet, Parquet with a vector or array image column, IDX images, CSV "
                    + "(label,p0..p783 or p0..p783), or a folder of PNG/JPEG scans; any Hadoop path")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, parquet, idx, csv or images (default: ${DEFAULT-VALUE}: by the files' names)")
    String inputFormat;

    @Option(names = "--labels", paramLabel = "PATH",
            description = "IDX labels file for an images file not named *images-idx3*")
    String labels;

    @Option(names = "--image-column", paramLabel = "NAME",
            description = "Parquet: the column holding the image (default: pixels, else features, else the only "
                    + "binary, vector or array column)")
    String imageColumn;

    @Option(names = "--keep", paramLabel = "COL,...", split = ",",
            description = "input columns passed through to the output, e.g. form_id,path (default: all but the image)")
    List<String> keep;

    @Option(names = "--review-below", paramLabel = "P", defaultValue = "0.9",
            description = "rows whose confidence is below P get needs_review = true (default: ${DEFAULT-VALUE})")
    double reviewBelow;

    @Option(names = "--target-error", paramLabel = "E",
            description = "instead of --review-below: the lowest threshold at which the rows accepted without review "
                    + "were wrong at most E of the time (e.g. 0.005) on the model's validation split, as stored in "
                    + "its model.json by train")
    Double targetError;

    @Option(names = "--outputs", description = "also write every output neuron's activation (column outputs)")
    boolean outputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output directory to write")
    String output;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "read tasks for IDX and CSV (default: 0, Spark's default parallelism)")
    int partitions;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DigitLoader.Source source = new DigitLoader.Source(input, labels, Options.format(inputFormat,
                "--input-format", DigitLoader.Format.AUTO, DigitLoader.Format.PARQUET, DigitLoader.Format.IDX,
                DigitLoader.Format.CSV, DigitLoader.Format.IMAGES));
        if (!(reviewBelow >= 0 && reviewBelow <= 1)) {
            throw new BadInputException("--review-below: expected a confidence 0..1, found " + reviewBelow);
        }
        if (targetError != null) {
            Options.errorRate(targetError, "--target-error");
            if (spec.commandLine().getParseResult().hasMatchedOption("--review-below")) {
                throw new BadInputException("--target-error: expected it or --review-below, found both (the target "
                        + "error picks the review threshold)");
            }
        }
        Options.notNegative(partitions, "--partitions");
        SparkSession spark = sparkOptions.session("score");
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        ReviewThreshold review = targetError == null ? ReviewThreshold.given(reviewBelow, "--review-below")
                : ReviewThreshold.forTargetError(loaded.info(), model, targetError, "--target-error");
        OutputDir out = OutputDir.begin(output, overwrite, spark.sparkContext().hadoopConfiguration(), "--output",
                java.util.stream.Stream.concat(source.paths().stream(), java.util.stream.Stream.of(model)).toList());
        long started = System.nanoTime(); // the job's own time: Spark's start-up is not the scoring's
        ScoreJob.Counts counts = ScoreJob.run(loaded, DigitLoader.imageTable(spark, source, imageColumn, partitions),
                input, new ScoreJob.Settings(keep, review.below(), outputs, review.from()), out, System.out::println);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("score: %d input rows: %d scored, %d rejected, %d need review (confidence < %s%s)%s; "
                + "%s in %.1f s (%.0f rows/s)%n", counts.input(), counts.scored(), counts.rejected(),
                counts.needsReview(), review.below(), targetError == null ? "" : ", from " + review.from(),
                counts.hiddenFiles() == 0 ? ""
                        : "; " + counts.hiddenFiles() + " hidden files left out", output, seconds,
                counts.input() / seconds);
        if (counts.scored() == 0) {
            throw new BadInputException("--input " + input + ": all " + counts.input() + " rows rejected, e.g. '"
                    + ScoreJob.firstRejectReason(spark, out.target()) + "' (see " + output + "/" + ScoreJob.REJECTS + ")");
        }
        return ExitCodes.OK;
    }
}
