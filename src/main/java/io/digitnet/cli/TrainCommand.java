package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Activation;
import io.digitnet.train.TrainJob;
import io.digitnet.train.TrainDefaults;
import io.digitnet.train.TrainSettings;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet train}: train a network on Spark and write the model directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a digit network on Spark (784,16,16,10 sigmoid by default), print one line per epoch "
                + "and the test accuracy, and write the model directory (weights.parquet + model.json).")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingSetOptions data;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "model directory to write")
    String out;

    @Option(names = "--overwrite", description = "replace an existing model directory")
    boolean overwrite;

    @Option(names = "--resume", description = "continue from the last checkpoint of an interrupted run with the same settings")
    boolean resume;

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = TrainDefaults.LAYERS,
            description = "layer sizes, inputs first (default: ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = TrainDefaults.HIDDEN_ACTIVATION,
            description = "hidden layers' activation: sigmoid, tanh or relu (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = TrainDefaults.LEARNING_RATE, description = "base learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Mixin
    TrainingOptions training;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        TrainSettings settings = settings();
        DigitLoader.Source trainSource = data.trainingSet();
        DigitLoader.Source testSource = data.testSet();
        SparkSession spark = sparkOptions.session("train");
        TrainJob.Result result = TrainJob.run(spark, new TrainJob.Request(trainSource, testSource, out, overwrite,
                resume, settings, VersionProvider.projectVersion()), System.out::println);
        System.out.printf("train: model written to %s (epoch %d of %d, validation accuracy %.4f)%n", out,
                result.progress().bestEpoch, result.progress().epochsDone(), result.progress().bestAccuracy);
        if (result.testAccuracy() != null) {
            System.out.printf("test accuracy: %.4f%n", result.testAccuracy());
        }
        return ExitCodes.OK;
    }

    TrainSettings settings() {
        Activation hidden = Options.named(activation, "--activation", TrainingOptions.HIDDEN_ACTIVATIONS);
        return training.settings(sizes(), hidden, learningRate);
    }

    private int[] sizes() {
        int[] sizes = LayerSizes.parse(layers, "--layers", TrainDefaults.LAYERS);
        int outputs = sizes[sizes.length - 1];
        // Fewer than 10 outputs train a check of 0..outputs-1 labels (a whole digit check: 2).
        if (sizes[0] != io.digitnet.data.DigitImages.PIXELS || outputs < 2
                || outputs > io.digitnet.data.DigitImages.CLASSES) {
            throw new BadInputException("--layers " + layers + ": expected 784 inputs first and 2 to 10 outputs "
                    + "last, found " + sizes[0] + " and " + outputs);
        }
        return sizes;
    }
}
