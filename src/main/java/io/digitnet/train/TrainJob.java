package io.digitnet.train;

import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.score.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A whole training job: load and cache the training set, train (or resume from the last
 * checkpoint), measure the chosen epoch on the test set, and write the model directory.
 */
public final class TrainJob {

    /**
     * @param train the training data (any input DigitLoader reads)
     * @param test the test data, or null
     * @param out the model directory to write
     */
    public record Request(DigitLoader.Source train, DigitLoader.Source test, String out, boolean overwrite,
            boolean resume, TrainSettings settings, String projectVersion) {}

    /** What the job made. */
    public record Result(Trainer.Progress progress, Double testAccuracy, String checksum) {}

    private TrainJob() {}

    public static Result run(SparkSession spark, Request request, Consumer<String> log) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        // Refuse an existing or unwritable model directory now, not after the training.
        List<String> inputs = new ArrayList<>(request.train().paths());
        if (request.test() != null) {
            inputs.addAll(request.test().paths());
        }
        OutputDir output = OutputDir.begin(request.out(), request.overwrite(), conf, "--out", inputs);
        try {
            return train(spark, request, output, log);
        } catch (RuntimeException | Error e) {
            output.abort();
            throw e;
        }
    }

    private static Result train(SparkSession spark, Request request, OutputDir output, Consumer<String> log) {
        TrainSettings settings = request.settings();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long started = System.nanoTime();
        Checkpoints checkpoints = new Checkpoints(conf, request.out());
        Trainer trainer = new Trainer(settings, log);
        try (TrainingData data = TrainingData.prepare(DigitLoader.table(spark, request.train(), 0),
                request.train().input(), settings.architecture().outputs(), settings.partitions(), settings.validationFraction(), settings.seed())) {
            log.accept(String.format("train: %d training rows in %d partitions, %d validation rows, "
                            + "%s, %d parameters; ready in %.1f s", data.trainRows(), settings.partitions(),
                    data.validationRows(), settings.architecture(), settings.architecture().parameterCount(),
                    (System.nanoTime() - started) / 1e9));
            String advice = settings.averagingAdvice(data.trainRows());
            if (advice != null) {
                log.accept(advice);
            }
            Trainer.Progress progress = request.resume() ? checkpoints.latest(settings) : trainer.start();
            if (request.resume()) {
                log.accept("train: resuming after epoch " + progress.epochsDone() + " from " + checkpoints.location());
            }
            progress = trainer.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), data, progress,
                    done -> checkpoints.save(settings, done));

            Double testAccuracy = null;
            if (request.test() != null) {
                testAccuracy = Evaluation.of(settings.architecture(), progress.best,
                        DigitLoader.table(spark, request.test(), 0), request.test().input()).confusion().accuracy();
            }
            writeModel(spark, output, settings, progress, request.train().input(), data.checksum(), testAccuracy,
                    data.validationAcceptance(settings.architecture(), progress.best), request.projectVersion());
            checkpoints.deleteAll();
            return new Result(progress, testAccuracy, data.checksum());
        }
    }

    /**
     * Writes the model directory {@code out} of a finished run: its best epoch's weights and
     * model.json, with that epoch's acceptance curve on the validation rows ({@code
     * validationAcceptance}, null without any), of which only the points a target error can pick are kept.
     */
    public static void writeModel(SparkSession spark, String out, boolean overwrite, TrainSettings settings,
            Trainer.Progress progress, String trainInput, String checksum, Double testAccuracy,
            AcceptanceCurve validationAcceptance, String projectVersion) {
        writeModel(spark, OutputDir.begin(out, overwrite, spark.sparkContext().hadoopConfiguration(), "--out"),
                settings, progress, trainInput, checksum, testAccuracy, validationAcceptance, projectVersion);
    }

    private static void writeModel(SparkSession spark, OutputDir output, TrainSettings settings,
            Trainer.Progress progress, String trainInput, String checksum, Double testAccuracy,
            AcceptanceCurve validationAcceptance, String projectVersion) {
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), model(spark, settings, progress, trainInput, checksum,
                testAccuracy, validationAcceptance, projectVersion), output);
    }

    /** A finished run's model: its best epoch's weights, and what model.json says of it. */
    public static Model model(SparkSession spark, TrainSettings settings, Trainer.Progress progress, String trainInput,
            String checksum, Double testAccuracy, AcceptanceCurve validationAcceptance, String projectVersion) {
        ModelInfo info = new ModelInfo(settings.describe(), settings.seed(),
                new ModelInfo.DataSource(trainInput, checksum),
                progress.epochs.stream().map(e -> new ModelInfo.Epoch(e.epoch(), e.loss(),
                        Double.isNaN(e.validationAccuracy()) ? null : e.validationAccuracy(), e.seconds())).toList(),
                Double.isNaN(progress.bestAccuracy) || progress.bestAccuracy < 0 ? null : progress.bestAccuracy,
                testAccuracy, validationAcceptance == null ? null : validationAcceptance.frontier(), Instant.now(),
                spark.version(), projectVersion, null);
        return new Model(settings.architecture(), progress.best, info);
    }
}
