package io.digitnet.train;

import io.digitnet.nn.Averaging;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Seeds;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Strategy average: {@code syncs} rounds an epoch. Each round the driver broadcasts the
 * weights and optimiser state; each partition runs mini-batch SGD over its share of its
 * own rows (its shuffled order for this epoch, cut into {@code syncs} pieces) and sends
 * back its weights and state; the driver averages them weighted by rows, in partition
 * order, so that the sum does not depend on which task finished first.
 */
final class AverageStep implements EpochStep {
    private final JavaSparkContext jsc;
    private final TrainingData data;
    private final TrainSettings settings;

    AverageStep(JavaSparkContext jsc, TrainingData data, TrainSettings settings) {
        this.jsc = jsc;
        this.data = data;
        this.settings = settings;
    }

    /** What one round sends to every partition. */
    record Round(EpochStep.State state, TrainSettings settings, double learningRate, int epoch, int sync)
            implements Serializable {}

    @Override
    public double run(State state, int epoch) {
        double loss = 0;
        for (int sync = 0; sync < settings.syncsPerEpoch(); sync++) {
            Broadcast<Round> round = jsc.broadcast(
                    new Round(state, settings, settings.learningRate(epoch), epoch, sync));
            List<Averaging.Part> results = data.blocks
                    .mapPartitionsWithIndex((partition, blocks) -> List.of(
                            train(round.value(), partition, blocks.next())).iterator(), true)
                    .collect();
            round.destroy();
            loss += Averaging.into(state.parameters, state.optimizer, results);
        }
        return loss / data.trainRows;
    }

    static Averaging.Part train(Round round, int partition, TrainingBlock block) {
        TrainSettings settings = round.settings();
        Parameters parameters = round.state().parameters.copy();
        OptimizerState optimizerState = round.state().optimizer.copy();
        long before = optimizerState.steps;
        Optimizer optimizer = new Optimizer(settings.optimizer(), optimizerState);
        double loss = new MiniBatches(settings.architecture(), settings.batchSize(), settings.shift()).pass(parameters, optimizer,
                block.samples(), round.learningRate(), Seeds.derive(settings.seed(), round.epoch(), partition),
                round.sync(), settings.syncsPerEpoch());
        int count = block.samples().count;
        long rows = MiniBatches.rowsBefore(count, round.sync() + 1, settings.syncsPerEpoch())
                - MiniBatches.rowsBefore(count, round.sync(), settings.syncsPerEpoch());
        optimizerState.steps -= before; // sent back: the steps this round took
        return new Averaging.Part(parameters, optimizerState, rows, loss);
    }
}
