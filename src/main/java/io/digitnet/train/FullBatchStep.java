package io.digitnet.train;

import io.digitnet.nn.Architecture;
import io.digitnet.nn.Network;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Samples;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Strategy full-batch: each epoch the driver broadcasts the weights, every partition
 * returns the gradient of the loss summed over all its rows, the driver adds the sums in
 * partition order and takes one optimiser step (gradient descent with momentum, or Adam).
 * One run a pass.
 */
final class FullBatchStep implements EpochStep {
    private static final int BLOCK_ROWS = 256;

    private final JavaSparkContext jsc;
    private final TrainingData data;
    private final TrainSettings settings;

    FullBatchStep(JavaSparkContext jsc, TrainingData data, TrainSettings settings) {
        this.jsc = jsc;
        this.data = data;
        this.settings = settings;
    }

    /** One partition's gradient and loss, summed over its rows. */
    record GradientSum(Parameters gradient, double loss, long rows) implements Serializable {}

    @Override
    public double[] run(List<TrainSettings> runs, List<State> states, int epoch) {
        if (runs.size() != 1 || !runs.get(0).equals(settings)) {
            throw new IllegalArgumentException("strategy full-batch trains one run a pass");
        }
        State state = states.get(0);
        GradientSum total = gradientSum(state.parameters);
        new Optimizer(settings.optimizer(), state.optimizer).step(state.parameters, total.gradient(),
                (int) Math.min(Integer.MAX_VALUE, total.rows()), settings.learningRate(epoch));
        return new double[] {total.loss() / total.rows()};
    }

    /** The gradient summed over every training row, added up in partition order. */
    GradientSum gradientSum(Parameters parameters) {
        Architecture architecture = settings.architecture();
        Broadcast<Parameters> weights = jsc.broadcast(parameters);
        List<GradientSum> sums = data.trainSamples()
                .mapPartitions(chunks -> List.of(partitionSum(architecture, weights.value(), chunks)).iterator(), true)
                .collect();
        weights.destroy();
        Parameters gradient = Parameters.zeros(architecture);
        double loss = 0;
        long rows = 0;
        for (GradientSum sum : sums) {
            gradient.addScaled(1.0, sum.gradient());
            loss += sum.loss();
            rows += sum.rows();
        }
        return new GradientSum(gradient, loss, rows);
    }

    /** A partition's gradient, its chunks read one at a time, in blocks that start at each chunk's first row. */
    private static GradientSum partitionSum(Architecture architecture, Parameters parameters, Iterator<Samples> chunks) {
        Network pass = new Network(architecture, BLOCK_ROWS);
        Parameters gradient = Parameters.zeros(architecture);
        double loss = 0;
        long count = 0;
        double[] block = new double[BLOCK_ROWS * architecture.sizes()[0]];
        int[] labels = new int[BLOCK_ROWS];
        while (chunks.hasNext()) {
            Samples samples = chunks.next();
            for (int start = 0; start < samples.count; start += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, samples.count - start);
                samples.dense(start, rows, block);
                System.arraycopy(samples.labels, start, labels, 0, rows);
                loss += pass.addGradient(parameters, block, 0, rows, labels, gradient);
            }
            count += samples.count;
        }
        return new GradientSum(gradient, loss, count);
    }
}
