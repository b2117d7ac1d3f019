package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.HadoopFiles;
import io.digitnet.data.ImageForm;
import io.digitnet.data.ImageTable;
import io.digitnet.data.LandingFolder;
import io.digitnet.data.OutputDir;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.DigitCheck;
import io.digitnet.score.IncrementalScore;
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
    /** The most digits --digits takes: a long account number or IBAN has about 30. */
    private static final int MOST_DIGITS = 64;

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

    @Option(names = "--review-below", paramLabel = "P", defaultValue = ReviewThreshold.DEFAULT_BELOW,
            description = "rows whose confidence is below P get needs_review = true (default: ${DEFAULT-VALUE})")
    double reviewBelow;

    @Option(names = "--target-error", paramLabel = "E",
            description = "instead of --review-below: the lowest threshold at which the rows accepted without review "
                    + "were wrong at most E of the time (e.g. 0.005) on the model's validation split, as stored in "
                    + "its model.json by train")
    Double targetError;

    @Option(names = "--outputs", description = "also write every output neuron's activation (column outputs)")
    boolean outputs;

    @Option(names = "--fields",
            description = "each image is a field of several digits (an amount, a date...): DIR/scored gets its text, "
                    + "digits (count), predictions and confidences (per digit), confidence (their product) and "
                    + "needs_review; the input must be PNG or JPEG files")
    boolean fields;

    @Option(names = "--digits", paramLabel = "N",
            description = "with --fields: every field should hold N digits (a comb of N boxes); another count needs "
                    + "review")
    Integer digits;

    @Mixin
    DigitCheckOption digitCheck;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output directory to write")
    String output;

    @Option(names = "--overwrite", description = "replace an existing output directory")
    boolean overwrite;

    @Option(names = "--incremental",
            description = "score only what has arrived in the --input landing folder (PNG/JPEG scans, Parquet or "
                    + "CSV files) since the last run into the growing table DIR/table, then stop (Spark Structured "
                    + "Streaming, Trigger.AvailableNow, its checkpoint in DIR); one line a run in DIR/runs.csv")
    boolean incremental;

    @Option(names = "--files-per-batch", paramLabel = "N", defaultValue = "1000",
            description = "with --incremental: files a batch takes at most (default: ${DEFAULT-VALUE})")
    int filesPerBatch;

    @Option(names = "--max-file-age", paramLabel = "AGE", defaultValue = "3650d",
            description = "with --incremental: a new file older than the newest seen by more than AGE is skipped "
                    + "(Spark's maxFileAge; its default, 7d, would skip a file copied in with an old modification "
                    + "time) (default: ${DEFAULT-VALUE})")
    String maxFileAge;

    @Option(names = "--sink-retention", paramLabel = "AGE",
            description = "with --incremental: the file sink's log lists a batch's files for AGE (e.g. 90d), so the "
                    + "log stops growing; older files stay, listed in DIR/manifest.txt (default: always)")
    String sinkRetention;

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
        ScoreJob.Fields asFields = fields();
        if (incremental) {
            return incremental(source, asFields);
        }
        SparkSession spark = sparkOptions.session("score");
        if (asFields != null && source.format() == DigitLoader.Format.AUTO && HadoopFiles.existing(
                new org.apache.hadoop.fs.Path(input), spark.sparkContext().hadoopConfiguration(), "file or directory")
                .isDirectory()) {
            // A folder of fields is read as images even with their labels.csv beside them; one
            // packed by ingest is a Parquet table of them.
            source = new DigitLoader.Source(input, labels, DigitLoader.resolve(spark, source)
                    == DigitLoader.Format.PARQUET ? DigitLoader.Format.PARQUET : DigitLoader.Format.IMAGES);
        }
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        asFields = withDigitCheck(asFields, spark);
        ReviewThreshold review = review(loaded);
        OutputDir out = OutputDir.begin(output, overwrite, spark.sparkContext().hadoopConfiguration(), "--output",
                java.util.stream.Stream.concat(source.paths().stream(), java.util.stream.Stream.of(model)).toList());
        long started = System.nanoTime(); // the job's own time: Spark's start-up is not the scoring's
        ImageTable table = DigitLoader.imageTable(spark, source, imageColumn, partitions);
        requireFieldFiles(asFields, table);
        ScoreJob.Counts counts = ScoreJob.run(loaded, table, input,
                new ScoreJob.Settings(keep, review.below(), outputs, review.from(), asFields), out, System.out::println);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("score: %d input %s: %d scored, %d rejected, %d need review (confidence < %s%s)%s; "
                + "%s in %.1f s (%.0f rows/s)%n", counts.input(), asFields != null ? "fields" : "rows", counts.scored(),
                counts.rejected(), counts.needsReview(), review.below(),
                targetError == null ? "" : ", from " + review.from(), counts.hiddenFiles() == 0 ? ""
                        : "; " + counts.hiddenFiles() + " hidden files left out", output, seconds,
                counts.input() / seconds);
        if (counts.scored() == 0) {
            throw new BadInputException("--input " + input + ": all " + counts.input() + " rows rejected, e.g. '"
                    + ScoreJob.firstRejectReason(spark, out.target()) + "' (see " + output + "/" + ScoreJob.REJECTS + ")");
        }
        return ExitCodes.OK;
    }

    /** --incremental: a run over what has arrived in the landing folder. */
    private int incremental(DigitLoader.Source source, ScoreJob.Fields asFields) {
        if (overwrite) {
            throw new BadInputException("--overwrite: expected without --incremental (its output grows run by run), "
                    + "found with it");
        }
        Options.positive(filesPerBatch, "--files-per-batch");
        SparkSession spark = sparkOptions.session("score --incremental");
        if (asFields != null && source.format() == DigitLoader.Format.AUTO) {
            source = new DigitLoader.Source(input, labels, DigitLoader.Format.IMAGES); // scans of fields land there
        }
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        asFields = withDigitCheck(asFields, spark);
        ReviewThreshold review = review(loaded);
        LandingFolder.checkOutput(output, input, IncrementalScore.SETTINGS, spark.sparkContext().hadoopConfiguration());
        ImageTable landing = LandingFolder.read(spark, source, imageColumn, filesPerBatch, maxFileAge);
        requireFieldFiles(asFields, landing);
        long started = System.nanoTime();
        List<IncrementalScore.RunLine> lines = IncrementalScore.run(loaded, landing, input,
                new ScoreJob.Settings(keep, review.below(), outputs, review.from(), asFields), output,
                new IncrementalScore.Options(filesPerBatch, maxFileAge, sinkRetention), System.out::println);
        for (IncrementalScore.RunLine line : lines) {
            System.out.printf("score: run %s (%s): %d files, %d %s: %d scored, %d rejected, %d need review "
                    + "(confidence < %s%s)%n", line.run(), line.status(), line.files(), line.rows(),
                    asFields != null ? "fields" : "rows", line.scored(), line.rejected(), line.needsReview(),
                    review.below(), targetError == null ? "" : ", from " + review.from());
        }
        System.out.printf("score: %s/%s grew in %.1f s%n", output, IncrementalScore.TABLE,
                (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }

    /** The fields with the whole-digit check that --digit-check names (or the model's own), if any. */
    private ScoreJob.Fields withDigitCheck(ScoreJob.Fields asFields, SparkSession spark) {
        DigitCheck check = digitCheck.read(spark.sparkContext().hadoopConfiguration(), fields, model);
        if (check == null) {
            return asFields;
        }
        System.out.println("score: free writing cut with the whole-digit check " + check.dir());
        return new ScoreJob.Fields(asFields.digits(), check);
    }

    /** Below which confidence a row needs review: --review-below, or what --target-error picks from model.json. */
    private ReviewThreshold review(Model loaded) {
        return targetError == null ? ReviewThreshold.given(reviewBelow, "--review-below")
                : ReviewThreshold.forTargetError(loaded.info(), model, targetError, "--target-error");
    }

    /** Fields are read from PNG or JPEG files, one field each. */
    private void requireFieldFiles(ScoreJob.Fields asFields, ImageTable table) {
        if (asFields != null && table.form() != ImageForm.IMAGE_FILE) {
            throw new BadInputException("--fields: expected PNG or JPEG files, one field each, found " + input
                    + " holding digits as " + table.form().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** --fields and --digits, checked: null when each image is one digit. */
    private ScoreJob.Fields fields() {
        if (!fields) {
            if (digits != null) {
                throw new BadInputException("--digits: expected with --fields (a field's digit count), found without");
            }
            return null;
        }
        if (outputs) {
            throw new BadInputException("--outputs: expected without --fields (a field's digits have "
                    + "predictions and confidences), found with it");
        }
        if (digits != null && (digits < 1 || digits > MOST_DIGITS)) {
            throw new BadInputException("--digits: expected a digit count 1.." + MOST_DIGITS + ", found " + digits);
        }
        return new ScoreJob.Fields(digits == null ? 0 : digits, null);
    }
}
