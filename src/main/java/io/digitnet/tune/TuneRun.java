package io.digitnet.tune;

import io.digitnet.nn.Architecture;
import io.digitnet.train.TrainSettings;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One configuration of a tuning grid: its name (which is also its folder's) and the
 * settings it trains with.
 */
public record TuneRun(String name, TrainSettings settings) {

    /** The hidden sizes, e.g. "32,16". */
    public String hidden() {
        int[] sizes = settings.architecture().sizes();
        return Arrays.stream(sizes, 1, sizes.length - 1).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    public double learningRate() {
        return settings.optimizer().learningRate();
    }

    public String activation() {
        return settings.architecture().hidden().id();
    }

    /**
     * The product of the lists, hidden sizes outermost: each combination's settings are
     * {@code base} with those three changed.
     */
    public static List<TuneRun> grid(TrainSettings base, List<int[]> hiddenSizes, List<Double> learningRates,
            List<io.digitnet.nn.Activation> activations) {
        List<TuneRun> runs = new java.util.ArrayList<>();
        for (int[] hidden : hiddenSizes) {
            for (double rate : learningRates) {
                for (io.digitnet.nn.Activation activation : activations) {
                    runs.add(of(base, hidden, rate, activation));
                }
            }
        }
        return runs;
    }

    /** {@code base} with these hidden sizes, learning rate and hidden activation, named after them. */
    public static TuneRun of(TrainSettings base, int[] hidden, double rate, io.digitnet.nn.Activation activation) {
        Architecture a = base.architecture();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = a.inputs();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = a.outputs();
        Architecture architecture = new Architecture(sizes, activation, a.output(), a.loss());
        TrainSettings settings = new TrainSettings(architecture, base.strategy(),
                base.optimizer().withLearningRate(rate), base.schedule(), base.stepEpochs(),
                base.stepGamma(), base.epochs(), base.batchSize(), base.syncsPerEpoch(), base.partitions(),
                base.seed(), base.validationFraction(), base.patience(), base.shiftPixels());
        String name = "h" + Arrays.stream(hidden).mapToObj(Integer::toString)
                .collect(Collectors.joining("-")) + "_lr" + rate + "_" + activation.id();
        return new TuneRun(name, settings);
    }
}
