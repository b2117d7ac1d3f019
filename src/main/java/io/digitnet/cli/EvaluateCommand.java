package io.digitnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.score.Confusion;
import io.digitnet.score.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws IOException {
        SparkSession spark = sparkOptions.session("evaluate");
        Model loaded = ModelDir.read(spark.sparkContext().hadoopConfiguration(), model);
        DigitLoader.Source source = DigitLoader.Source.of(data);
        Confusion confusion = Evaluation.of(loaded.architecture(), loaded.parameters(),
                DigitLoader.table(spark, source, 0), data);
        System.out.print(confusion.table());
        if (json != null) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("model", model);
            figures.put("data", data);
            figures.putAll(confusion.describe());
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new BadInputException("--json " + json + ": no such directory " + parent);
            }
            Path temporary = Files.createTempFile(parent, "." + json.getFileName(), ".tmp");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), figures);
            Files.move(temporary, json, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return ExitCodes.OK;
    }
}
