package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import io.digitnet.train.Strategy;
import io.digitnet.train.TrainJob;
import io.digitnet.train.TrainSettings;
import java.util.Arrays;
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
    MnistOption mnist;

    @Option(names = "--train", paramLabel = "PATH", description = "training data instead of DIR's: IDX images, "
            + "ingest Parquet, CSV or Parquet of vectors")
    String train;

    @Option(names = "--test", paramLabel = "PATH", description = "test data instead of DIR's (any input --train takes)")
    String test;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "model directory to write")
    String out;

    @Option(names = "--overwrite", description = "replace an existing model directory")
    boolean overwrite;

    @Option(names = "--resume", description = "continue from the last checkpoint of an interrupted run with the same settings")
    boolean resume;

    @Option(names = "--layers", paramLabel = "SIZES", defaultValue = "784,16,16,10",
            description = "layer sizes, inputs first (default: ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "hidden layers' activation: sigmoid, tanh or relu (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--output", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "output activation: sigmoid or softmax (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "cross-entropy",
            description = "cross-entropy or quadratic (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "average",
            description = "average (each partition runs SGD, the driver averages) or full-batch "
                    + "(the driver adds gradient sums and steps) (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--syncs-per-epoch", paramLabel = "K", defaultValue = "1",
            description = "strategy average: averaging rounds per epoch (default: ${DEFAULT-VALUE})")
    int syncsPerEpoch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "at most this many epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16", description = "mini-batch rows (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam or sgd (with --momentum) (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.003", description = "base learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "sgd's momentum, or adam's beta1 (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0.00005", description = "L2 penalty on the weights (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "cosine",
            description = "learning-rate schedule: constant, step or cosine (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--step-epochs", paramLabel = "N", defaultValue = "10", description = "schedule step: epochs between steps (default: ${DEFAULT-VALUE})")
    int stepEpochs;

    @Option(names = "--step-gamma", paramLabel = "G", defaultValue = "0.5", description = "schedule step: factor per step (default: ${DEFAULT-VALUE})")
    double stepGamma;

    @Option(names = "--shift", paramLabel = "PIXELS", defaultValue = "1",
            description = "move each training image at random by up to this many pixels every time it is used; "
                    + "0 turns it off (default: ${DEFAULT-VALUE})")
    int shift;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "2",
            description = "training partitions; part of the result, so fixed here, not by the cluster (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.0833",
            description = "share of the training rows held out to pick the best epoch (default: ${DEFAULT-VALUE})")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "stop after N epochs without a better validation accuracy; 0: never (default: ${DEFAULT-VALUE})")
    int patience;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        TrainSettings settings = settings();
        DigitLoader.Source trainSource = train != null ? DigitLoader.Source.of(train) : mnist.trainingSet();
        DigitLoader.Source testSource = test != null ? DigitLoader.Source.of(test)
                : train != null ? null : mnist.testSet();
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
        Architecture architecture;
        try {
            architecture = new Architecture(sizes(),
                    Options.named(activation, "--activation", new Activation[] {Activation.SIGMOID, Activation.TANH,
                            Activation.RELU}),
                    Options.named(output, "--output", new Activation[] {Activation.SIGMOID, Activation.SOFTMAX}),
                    Options.named(loss, "--loss", Loss.values()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layers/--activation/--output: " + e.getMessage());
        }
        try {
            OptimizerSettings optimizerSettings = new OptimizerSettings(
                    Options.named(optimizer, "--optimizer", OptimizerSettings.Kind.values()), learningRate, momentum,
                    0.999, 1e-8, weightDecay);
            return new TrainSettings(architecture, Options.named(strategy, "--strategy", Strategy.values()),
                    optimizerSettings, Options.named(schedule, "--schedule", Schedule.values()), stepEpochs, stepGamma,
                    epochs, batchSize, syncsPerEpoch, partitions, seed, validationFraction, patience, shift);
        } catch (IllegalArgumentException e) {
            // The settings' own checks start with the setting's name, which is the option's.
            throw new BadInputException("--" + e.getMessage());
        }
    }

    private int[] sizes() {
        try {
            int[] sizes = Arrays.stream(layers.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            if (sizes[0] != io.digitnet.data.DigitImages.PIXELS || sizes[sizes.length - 1] != io.digitnet.data.DigitImages.CLASSES) {
                throw new BadInputException("--layers " + layers + ": expected 784 inputs first and 10 outputs last, "
                        + "found " + sizes[0] + " and " + sizes[sizes.length - 1]);
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new BadInputException("--layers " + layers + ": expected sizes like 784,16,16,10");
        }
    }
}
