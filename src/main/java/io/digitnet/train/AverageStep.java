package io.digitnet.train;

import io.digitnet.nn.Averaging;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Samples;
import io.digitnet.nn.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Strategy average, for the runs of a pass (one run, or a tuning's several): {@code syncs}
 * rounds an epoch. Each round the driver broadcasts every run's weights and optimiser
 * state; each task takes its cached rows once and trains every run on its share of them
 * (the partition's shuffled order for this epoch, cut into {@code syncs} pieces)
 * in one pass, each batch gathered once for all runs; the driver averages each run's parts
 * weighted by rows, in partition order, so that the sum does not depend on which task
 * finished first. Each run ends as it would alone, bit for bit.
 */
public final class AverageStep implements EpochStep {
    private final JavaSparkContext jsc;
    private final TrainingData data;

    AverageStep(JavaSparkContext jsc, TrainingData data) {
        this.jsc = jsc;
        this.data = data;
    }

    /** What one round sends to every partition for one run. */
    public record Round(Parameters parameters, OptimizerState optimizer, TrainSettings settings, double learningRate,
            int epoch, int sync) implements Serializable {}

    @Override
    public double[] run(List<TrainSettings> runs, List<State> states, int epoch) {
        int syncs = runs.get(0).syncsPerEpoch();
        double[] loss = new double[runs.size()];
        for (int sync = 0; sync < syncs; sync++) {
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                TrainSettings settings = runs.get(r);
                State state = states.get(r);
                rounds.add(new Round(state.parameters, state.optimizer, settings, settings.learningRate(epoch), epoch,
                        sync));
            }
            Broadcast<List<Round>> broadcast = jsc.broadcast(rounds);
            // One list per partition, one part per run in it, in partition order.
            int[] partitionRows = data.partitionRows;
            List<List<Averaging.Part>> results = data.trainSamples()
                    .mapPartitionsWithIndex((partition, chunks) -> List.of(train(broadcast.value(), partition,
                            chunks, partitionRows[partition])).iterator(), true)
                    .collect();
            broadcast.destroy();
            for (int r = 0; r < runs.size(); r++) {
                List<Averaging.Part> parts = new ArrayList<>();
                for (List<Averaging.Part> partition : results) {
                    parts.add(partition.get(r));
                }
                State state = states.get(r);
                loss[r] += Averaging.into(state.parameters, state.optimizer, parts);
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            loss[r] /= data.trainRows;
        }
        return loss;
    }

    /**
     * A task's work: trains each round's run on this partition's {@code count} samples,
     * which come in chunks, all in one pass ({@link MiniBatches#together}); the rounds must
     * agree on everything that picks and moves the batches: seed, epoch, sync, syncs per
     * epoch, batch size and shift. Returns one part per round, in order. The benchmark's
     * plain-thread trainer calls it too.
     */
    public static List<Averaging.Part> train(List<Round> rounds, int partition, Iterator<Samples> chunks, int count) {
        Round first = rounds.get(0);
        List<MiniBatches.Learner> learners = new ArrayList<>();
        for (Round round : rounds) {
            TrainSettings settings = round.settings();
            if (!sameBatches(settings, first.settings()) || round.epoch() != first.epoch() || round.sync() != first.sync()) {
                throw new IllegalArgumentException("runs trained in one pass need the same seed, batch size, shift and syncs");
            }
            learners.add(new MiniBatches.Learner(
                    new MiniBatches(settings.architecture(), settings.batchSize(), settings.shift()),
                    round.parameters().copy(), new Optimizer(settings.optimizer(), round.optimizer().copy()),
                    round.learningRate()));
        }
        int syncs = first.settings().syncsPerEpoch();
        double[] loss = MiniBatches.together(learners, chunks, count,
                Seeds.derive(first.settings().seed(), first.epoch(), partition), first.sync(), syncs);
        long rows = MiniBatches.rowsBefore(count, first.sync() + 1, syncs)
                - MiniBatches.rowsBefore(count, first.sync(), syncs);
        List<Averaging.Part> parts = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            OptimizerState state = learners.get(r).optimizer().state();
            state.steps -= rounds.get(r).optimizer().steps; // sent back: the steps this round took
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
