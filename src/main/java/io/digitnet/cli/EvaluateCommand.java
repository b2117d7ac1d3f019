package io.digitnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputFile;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.Confusion;
import io.digitnet.score.Evaluation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet evaluate}: a model's accuracy, per-class precision and recall, and confusion matrix. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Measure a model on labelled data: accuracy, per-class precision and recall, and the "
                + "confusion matrix, printed as a table and optionally written as JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "model directory")
    String model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "labelled data: IDX images, ingest Parquet, CSV or Parquet of vectors")
    String data;

    @Option(names = "--json", paramLabel = "FILE",
            description = "also write the figures as JSON to FILE (any Hadoop path)")
    String json;

    @Option(names = "--overwrite", description = "replace an existing --json FILE")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        SparkSession spark = sparkOptions.session("evaluate");
        // Where the figures go is checked before the evaluation's job runs.
        OutputFile figures = json == null ? null
                : OutputFile.begin(json, overwrite, spark.sparkContext().hadoopConfiguration(), "--json",
                        java.util.List.of(model, data));
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        DigitLoader.Source source = DigitLoader.Source.of(data);
        Confusion confusion = Evaluation.of(loaded.architecture(), loaded.parameters(),
                DigitLoader.table(spark, source, 0), data);
        System.out.print(confusion.table());
        if (figures != null) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("model", model);
            described.put("data", data);
            described.putAll(confusion.describe());
            figures.commit(out -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, described));
        }
        return ExitCodes.OK;
    }
}
