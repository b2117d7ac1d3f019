package io.digitnet.train;

import io.digitnet.nn.Averaging;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
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
                            train(List.of(round.value()), partition, blocks.next()).get(0)).iterator(), true)
                    .collect();
            round.destroy();
            loss += Averaging.into(state.parameters, state.optimizer, results);
        }
        return loss / data.trainRows;
    }

    /**
     * Trains each round's run on this partition's block, all in one pass over it
     * ({@link MiniBatches#together}); the rounds must agree on everything that picks and
     * moves the batches: seed, epoch, sync, syncs per epoch, batch size and shift. Returns
     * one part per round, in order.
     */
    static List<Averaging.Part> train(List<Round> rounds, int partition, TrainingBlock block) {
        Round first = rounds.get(0);
        List<MiniBatches.Learner> learners = new ArrayList<>();
        for (Round round : rounds) {
            TrainSettings settings = round.settings();
            if (!sameBatches(settings, first.settings()) || round.epoch() != first.epoch() || round.sync() != first.sync()) {
                throw new IllegalArgumentException("runs trained in one pass need the same seed, batch size, shift and syncs");
            }
            learners.add(new MiniBatches.Learner(
                    new MiniBatches(settings.architecture(), settings.batchSize(), settings.shift()),
                    round.state().parameters.copy(), new Optimizer(settings.optimizer(), round.state().optimizer.copy()),
                    round.learningRate()));
        }
        int syncs = first.settings().syncsPerEpoch();
        double[] loss = MiniBatches.together(learners, block.samples(),
                Seeds.derive(first.settings().seed(), first.epoch(), partition), first.sync(), syncs);
        int count = block.samples().count;
        long rows = MiniBatches.rowsBefore(count, first.sync() + 1, syncs) - MiniBatches.rowsBefore(count, first.sync(), syncs);
        List<Averaging.Part> parts = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            OptimizerState state = learners.get(r).optimizer().state();
            state.steps -= rounds.get(r).state().optimizer.steps; // sent back: the steps this round took
            parts.add(new Averaging.Part(learners.get(r).parameters(), state, rows, loss[r]));
        }
        return parts;
    }

    /** Whether two runs' batches are the same rows, moved the same way. */
    static boolean sameBatches(TrainSettings a, TrainSettings b) {
        return a.seed() == b.seed() && a.batchSize() == b.batchSize() && a.shiftPixels() == b.shiftPixels()
                && a.syncsPerEpoch() == b.syncsPerEpoch();
    }
}
