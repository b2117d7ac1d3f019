package io.digitnet.cli;

import io.digitnet.BadInputException;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import io.digitnet.train.Strategy;
import io.digitnet.train.TrainDefaults;
import io.digitnet.train.TrainSettings;
import picocli.CommandLine.Option;

/**
 * The training settings train and tune share (all but the layer sizes, the hidden
 * activation and the learning rate, which tune takes as lists). A command's own defaults
 * for them go in conf/digitnet.properties (e.g. tune.patience).
 */
final class TrainingOptions {
    static final Activation[] HIDDEN_ACTIVATIONS = {Activation.SIGMOID, Activation.TANH, Activation.RELU};

    @Option(names = "--output", paramLabel = "NAME", defaultValue = TrainDefaults.OUTPUT_ACTIVATION,
            description = "output activation: sigmoid or softmax (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = TrainDefaults.LOSS,
            description = "cross-entropy or quadratic (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = TrainDefaults.STRATEGY,
            description = "average (each partition runs SGD, the driver averages) or full-batch "
                    + "(the driver adds gradient sums and steps) (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--syncs-per-epoch", paramLabel = "K", defaultValue = TrainDefaults.SYNCS_PER_EPOCH,
            description = "strategy average: averaging rounds per epoch (default: ${DEFAULT-VALUE})")
    int syncsPerEpoch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = TrainDefaults.EPOCHS, description = "at most this many epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = TrainDefaults.BATCH_SIZE, description = "mini-batch rows (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = TrainDefaults.OPTIMIZER,
            description = "adam or sgd (with --momentum) (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = TrainDefaults.MOMENTUM,
            description = "sgd's momentum, or adam's beta1 (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = TrainDefaults.WEIGHT_DECAY, description = "L2 penalty on the weights (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = TrainDefaults.SCHEDULE,
            description = "learning-rate schedule: constant, step or cosine (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--step-epochs", paramLabel = "N", defaultValue = TrainDefaults.STEP_EPOCHS, description = "schedule step: epochs between steps (default: ${DEFAULT-VALUE})")
    int stepEpochs;

    @Option(names = "--step-gamma", paramLabel = "G", defaultValue = TrainDefaults.STEP_GAMMA, description = "schedule step: factor per step (default: ${DEFAULT-VALUE})")
    double stepGamma;

    @Option(names = "--shift", paramLabel = "PIXELS", defaultValue = TrainDefaults.SHIFT,
            description = "move each training image at random by up to this many pixels every time it is used; "
                    + "0 turns it off (default: ${DEFAULT-VALUE})")
    int shift;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = TrainDefaults.PARTITIONS,
            description = "training partitions; part of the result, so fixed here, not by the cluster (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = TrainDefaults.SEED, description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = TrainDefaults.VALIDATION_FRACTION,
            description = "share of the training rows held out to pick the best epoch (default: ${DEFAULT-VALUE})")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "N", defaultValue = TrainDefaults.PATIENCE,
            description = "stop after N epochs without a better validation accuracy; 0: never (default: ${DEFAULT-VALUE})")
    int patience;

    /** The settings for a network of {@code sizes} with these options. */
    TrainSettings settings(int[] sizes, Activation hidden, double learningRate) {
        Architecture architecture;
        try {
            architecture = new Architecture(sizes, hidden,
                    Options.named(output, "--output", new Activation[] {Activation.SIGMOID, Activation.SOFTMAX}),
                    Options.named(loss, "--loss", Loss.values()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layers/--activation/--output: " + e.getMessage());
        }
        try {
            OptimizerSettings optimizerSettings = new OptimizerSettings(
                    Options.named(optimizer, "--optimizer", OptimizerSettings.Kind.values()), learningRate, momentum,
                    TrainDefaults.BETA2, TrainDefaults.EPSILON, weightDecay);
            return new TrainSettings(architecture, Options.named(strategy, "--strategy", Strategy.values()),
                    optimizerSettings, Options.named(schedule, "--schedule", Schedule.values()), stepEpochs, stepGamma,
                    epochs, batchSize, syncsPerEpoch, partitions, seed, validationFraction, patience, shift);
        } catch (IllegalArgumentException e) {
            // The settings' own checks start with the setting's name, which is the option's.
            throw new BadInputException("--" + e.getMessage());
        }
    }
}
