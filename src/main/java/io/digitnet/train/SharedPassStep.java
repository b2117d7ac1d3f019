package io.digitnet.train;

import io.digitnet.nn.Averaging;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Strategy average for several runs at once: one Spark job an epoch (per sync) in which
 * every task takes its cached block once and trains every run on it in one pass, each
 * batch gathered once for all runs ({@link AverageStep#train}, as for one run); the driver
 * then averages each run's parts. Each run's weights are therefore the same, bit for bit,
 * as if it had been trained alone, while the scheduling and the pass over the data are
 * paid once for all of them.
 */
public final class SharedPassStep {
    private final JavaSparkContext jsc;
    private final TrainingData data;

    public SharedPassStep(JavaSparkContext jsc, TrainingData data) {
        this.jsc = jsc;
        this.data = data;
    }

    /**
     * Runs epoch {@code epoch} (0-based) of every run in {@code runs}, all of which train
     * with strategy average and take the same batches; returns each one's loss per row.
     */
    double[] run(List<Trainer> runs, List<EpochStep.State> states, int epoch) {
        int syncs = runs.get(0).settings().syncsPerEpoch();
        double[] loss = new double[runs.size()];
        for (int sync = 0; sync < syncs; sync++) {
            List<AverageStep.Round> rounds = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                TrainSettings settings = runs.get(r).settings();
                rounds.add(new AverageStep.Round(states.get(r), settings, settings.learningRate(epoch), epoch, sync));
            }
            Broadcast<List<AverageStep.Round>> broadcast = jsc.broadcast(rounds);
            // One list per partition, one part per run in it, in partition order.
            List<List<Averaging.Part>> results = data.blocks
                    .mapPartitionsWithIndex((partition, blocks) -> List.of(
                            AverageStep.train(broadcast.value(), partition, blocks.next())).iterator(), true)
                    .collect();
            broadcast.destroy();
            for (int r = 0; r < runs.size(); r++) {
                List<Averaging.Part> parts = new ArrayList<>();
                for (List<Averaging.Part> partition : results) {
                    parts.add(partition.get(r));
                }
                EpochStep.State state = states.get(r);
                loss[r] += Averaging.into(state.parameters, state.optimizer, parts);
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            loss[r] /= data.trainRows;
        }
        return loss;
    }
}
