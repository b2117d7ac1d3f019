package io.digitnet.bench;

import io.digitnet.nn.Averaging;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import io.digitnet.train.AverageStep;
import io.digitnet.train.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The 'average' strategy without Spark: one thread per partition, each running a task's
 * work ({@link AverageStep#train}) on its own rows from the same weights, then the weights
 * and optimiser state averaged by rows in partition order, as AverageStep does. Given the
 * same partitions it ends with bit-identical weights: what is left between the two is what
 * Spark costs.
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

    /** One piece of this epoch's pass over the partition's rows, as a Spark task trains it. */
    private Averaging.Part train(Parameters from, OptimizerState fromState, int epoch, int sync, int partition) {
        AverageStep.Round round = new AverageStep.Round(from, fromState, settings, settings.learningRate(epoch), epoch,
                sync);
        return AverageStep.train(List.of(round), partition, List.of(parts[partition]).iterator(), parts[partition].count)
                .get(0);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
