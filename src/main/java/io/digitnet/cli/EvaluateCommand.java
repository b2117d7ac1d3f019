package io.digitnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.FieldData;
import io.digitnet.data.FieldLabels;
import io.digitnet.data.ImageFolders;
import io.digitnet.data.LabelledScans;
import io.digitnet.data.OutputFile;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.AcceptanceTable;
import io.digitnet.score.DigitCheck;
import io.digitnet.score.Evaluation;
import io.digitnet.score.FieldEvaluation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code digitnet evaluate}: a model's accuracy, per-class precision and recall, confusion
 * matrix, and which digits a confidence threshold would accept unchecked.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Measure a model on labelled data: accuracy, per-class precision and recall, the "
                + "confusion matrix, and for confidence thresholds the share of digits accepted without review and "
                + "the error among them; printed as tables and optionally written as JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory")
    String model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "labelled data: IDX images, ingest Parquet, CSV or Parquet of vectors, or a folder of "
                    + "single-digit scans named <id>-<label>.png as make-scan-data names them")
    String data;

    @Option(names = "--fields",
            description = "--data is a folder of PNG or JPEG fields of several digits, labelled by --labels: field "
                    + "accuracy, digit-count accuracy and per-digit accuracy (position by position, in fields of "
                    + "the right count)")
    boolean fields;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "with --fields: path,text lines, paths relative to the CSV's folder (default: "
                    + "DATA/labels.csv, as make-scan-data --fields writes)")
    String labels;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the figures as JSON to FILE (any Hadoop path)")
    String json;

    @Option(names = "--overwrite", description = "replace an existing --json FILE")
    boolean overwrite;

    @Option(names = "--target-error", paramLabel = "E",
            description = "also print the lowest confidence threshold whose accepted digits are wrong at most E of the "
                    + "time (e.g. 0.005), and the share of digits it accepts")
    Double targetError;

    @Mixin
    DigitCheckOption digitCheck;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        if (targetError != null) {
            Options.errorRate(targetError, "--target-error");
        }
        if (labels != null && !fields) {
            throw new BadInputException("--labels: expected with --fields (the fields' texts), found without");
        }
        SparkSession spark = sparkOptions.session("evaluate");
        // Where the figures go is checked before the evaluation's job runs.
        OutputFile figures = json == null ? null
                : OutputFile.begin(json, overwrite, spark.sparkContext().hadoopConfiguration(), "--json",
                        java.util.List.of(model, data));
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        DigitCheck check = digitCheck.read(spark.sparkContext().hadoopConfiguration(), fields, model);
        if (fields) {
            if (check != null) {
                System.out.println("evaluate: free writing cut with the whole-digit check " + check.dir());
            }
            String labelsFile = labels != null ? labels : new org.apache.hadoop.fs.Path(data, FieldData.LABELS).toString();
            var texts = FieldLabels.read(labelsFile, spark.sparkContext().hadoopConfiguration());
            FieldEvaluation.Figures read = FieldEvaluation.of(loaded.architecture(), loaded.parameters(), check,
                    ImageFolders.read(spark, data), texts, data, labelsFile);
            System.out.print(read.table());
            System.out.println();
            System.out.print(AcceptanceTable.text(read.fieldAcceptance(), "fields", targetError));
            System.out.println();
            System.out.print(AcceptanceTable.text(read.digitAcceptance(), "digits in fields of the right count",
                    targetError));
            Map<String, Object> measured = new LinkedHashMap<>(read.describe());
            measured.put("fields_acceptance", AcceptanceTable.describe(read.fieldAcceptance(), targetError));
            measured.put("digits_acceptance", AcceptanceTable.describe(read.digitAcceptance(), targetError));
            write(figures, measured);
            return ExitCodes.OK;
        }
        DigitLoader.Source source = DigitLoader.Source.of(data);
        Evaluation.Measures measures = DigitLoader.resolve(spark, source) == DigitLoader.Format.IMAGES
                ? Evaluation.ofScans(loaded.architecture(), loaded.parameters(), LabelledScans.read(spark, data), data)
                : Evaluation.of(loaded.architecture(), loaded.parameters(), DigitLoader.table(spark, source, 0), data);
        System.out.print(measures.confusion().table());
        System.out.println();
        System.out.print(AcceptanceTable.text(measures.acceptance(), "digits", targetError));
        Map<String, Object> measured = new LinkedHashMap<>(measures.confusion().describe());
        measured.putAll(AcceptanceTable.describe(measures.acceptance(), targetError));
        write(figures, measured);
        return ExitCodes.OK;
    }

    /** The figures, after the model and data, as JSON in {@code figures} (if asked for). */
    private void write(OutputFile figures, Map<String, Object> measured) {
        if (figures != null) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("model", model);
            described.put("data", data);
            described.putAll(measured);
            figures.commit(out -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, described));
        }
    }
}
