package io.digitnet.bench;

import io.digitnet.nn.Averaging;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import io.digitnet.nn.Seeds;
import io.digitnet.train.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The 'average' strategy without Spark: one thread per partition, each running mini-batch
 * SGD (nn.MiniBatches) over its own rows from the same weights, then the weights and
 * optimiser state averaged by rows in partition order. The arithmetic is AverageStep's,
 * step for step (same seeds per (seed, epoch, partition), same averaging), so that given
 * the same partitions it ends with bit-identical weights: what is left between the two is
 * what Spark costs.
 */
final class PlainTrainer implements AutoCloseable {
    private final TrainSettings settings;
    private final Samples[] parts;
    private final Samples validation;
    private final ExecutorService threads;
    private Parameters parameters;
    private OptimizerState optimizer;

    PlainTrainer(TrainSettings settings, Samples[] parts, Samples validation) {
        this.settings = settings;
        this.parts = parts.clone();
        this.validation = validation;
        this.threads = Executors.newFixedThreadPool(parts.length, runnable -> {
            Thread thread = new Thread(runnable, "plain-trainer");
            thread.setDaemon(true);
            return thread;
        });
        this.parameters = Parameters.initial(settings.architecture(), settings.seed());
        this.optimizer = OptimizerState.initial(settings.architecture(), settings.optimizer());
    }

    /**
     * Runs epoch {@code epoch} (0-based) and, as the Trainer does after each epoch, measures
     * the validation accuracy; returns the training loss per row.
     */
    double epoch(int epoch) throws InterruptedException {
        long rows = 0;
        for (Samples part : parts) {
            rows += part.count;
        }
        double loss = 0;
        for (int sync = 0; sync < settings.syncsPerEpoch(); sync++) {
            List<Future<Averaging.Part>> futures = new ArrayList<>();
            for (int p = 0; p < parts.length; p++) {
                int partition = p;
                int round = sync;
                Parameters from = parameters;
                OptimizerState fromState = optimizer;
                futures.add(threads.submit(() -> train(from, fromState, epoch, round, partition)));
            }
            List<Averaging.Part> results = new ArrayList<>();
            for (Future<Averaging.Part> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("plain trainer: " + e.getCause(), e.getCause());
                }
            }
            loss += Averaging.into(parameters, optimizer, results);
        }
        if (validation.count > 0) {
            Predictions.accuracy(settings.architecture(), parameters, validation);
        }
        return loss / rows;
    }

    Parameters parameters() {
        return parameters;
    }

    /** AverageStep.train: a copy of the weights and state, one piece of this epoch's pass over the part. */
    private Averaging.Part train(Parameters from, OptimizerState fromState, int epoch, int sync, int partition) {
        Parameters p = from.copy();
        OptimizerState state = fromState.copy();
        long before = state.steps;
        Optimizer step = new Optimizer(settings.optimizer(), state);
        Samples samples = parts[partition];
        double loss = new MiniBatches(settings.architecture(), settings.batchSize(), settings.shift()).pass(p, step,
                samples, settings.learningRate(epoch), Seeds.derive(settings.seed(), epoch, partition), sync,
                settings.syncsPerEpoch());
        long rows = MiniBatches.rowsBefore(samples.count, sync + 1, settings.syncsPerEpoch())
                - MiniBatches.rowsBefore(samples.count, sync, settings.syncsPerEpoch());
        state.steps -= before;
        return new Averaging.Part(p, state, rows, loss);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
