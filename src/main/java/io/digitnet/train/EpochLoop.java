package io.digitnet.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The epoch loop, for the runs of a pass over the same cached data: a single run is a pass
 * of one ({@link Trainer#train}), a tuning's shared pass has several. Every epoch is one
 * strategy step for all runs still going ({@link AverageStep}: one Spark job per sync for all
 * of them; {@link FullBatchStep} for a run alone), then each run's validation accuracy and
 * its bookkeeping ({@link Trainer#endEpoch}). A run leaves the pass when it has done its
 * epochs, stops early or diverges, or when the listener drops it (a tuning's successive
 * halving); the others go on. The runs of a shared pass start from
 * the same epoch and train with strategy average and the same seed, batch size, shift and
 * syncs per epoch, so that they take the same batches.
 */
public final class EpochLoop {
    /**
     * A run that left the pass: its index among the trainers, its progress, null or why it
     * failed, and whether the listener dropped it before its last epoch.
     */
    public record Ended(int index, Trainer.Progress progress, RuntimeException failure, boolean dropped) {}

    /** Told, on the driver, after each epoch. */
    public interface Listener {
        /** Run {@code index} has finished an epoch, which its progress now holds: a checkpoint's moment. */
        default void epochDone(int index, Trainer.Progress progress) {}

        /**
         * After an epoch, {@code epochsDone} in all: which of the runs still {@code going}
         * (indexes among the trainers) leave the pass now, though they have epochs left.
         */
        default java.util.Set<Integer> drop(int epochsDone, List<Integer> going) {
            return java.util.Set.of();
        }

        /** The runs that left the pass in this epoch (at least one). */
        void ended(List<Ended> runs);
    }

    private EpochLoop() {}

    /** Trains every run from its start. */
    public static void train(JavaSparkContext jsc, TrainingData data, List<Trainer> trainers, Listener listener) {
        train(jsc, data, trainers, trainers.stream().map(Trainer::start).toList(), listener);
    }

    /** Trains every run from its progress so far, the same number of epochs for all (a start, or a run's checkpoint). */
    public static void train(JavaSparkContext jsc, TrainingData data, List<Trainer> trainers, List<Trainer.Progress> progresses,
            Listener listener) {
        EpochStep step = step(jsc, data, trainers);
        int first = progresses.get(0).epochsDone();
        List<Integer> going = new ArrayList<>();
        List<EpochStep.State> states = new ArrayList<>();
        for (int i = 0; i < trainers.size(); i++) {
            Trainer.Progress progress = progresses.get(i);
            if (progress.epochsDone() != first) {
                throw new IllegalArgumentException("runs in one pass start from the same epoch");
            }
            states.add(new EpochStep.State(progress.parameters, progress.optimizer));
            if (!trainers.get(i).finished(progress)) {
                going.add(i);
            }
        }
        long started = System.nanoTime();
        for (int epoch = first; !going.isEmpty(); epoch++) {
            long epochStart = System.nanoTime();
            List<Trainer> runs = going.stream().map(trainers::get).toList();
            List<EpochStep.State> runStates = going.stream().map(states::get).toList();
            double[] loss = step.run(runs.stream().map(Trainer::settings).toList(), runStates, epoch);
            double[] accuracy = validationAccuracies(data, runs, runStates);
            List<Integer> next = new ArrayList<>();
            List<Ended> ended = new ArrayList<>();
            for (int k = 0; k < going.size(); k++) {
                int i = going.get(k);
                Trainer trainer = trainers.get(i);
                Trainer.Progress progress = progresses.get(i);
                try {
                    trainer.endEpoch(progress, states.get(i), loss[k], accuracy[k], epochStart, started, first);
                } catch (RuntimeException e) {
                    ended.add(new Ended(i, progress, e, false));
                    continue;
                }
                listener.epochDone(i, progress);
                if (trainer.finished(progress)) {
                    ended.add(new Ended(i, progress, null, false));
                } else {
                    next.add(i);
                }
            }
            if (!next.isEmpty()) {
                java.util.Set<Integer> dropped = listener.drop(epoch + 1, List.copyOf(next));
                for (int i : dropped) {
                    ended.add(new Ended(i, progresses.get(i), null, true));
                }
                next.removeAll(dropped);
            }
            if (!ended.isEmpty()) {
                listener.ended(ended);
            }
            going = next;
        }
    }

    /** The strategy's step: full-batch for a run alone that asks for it, else average, whose runs must take the same batches. */
    private static EpochStep step(JavaSparkContext jsc, TrainingData data, List<Trainer> trainers) {
        TrainSettings settings = trainers.get(0).settings();
        if (trainers.size() == 1 && settings.strategy() == Strategy.FULL_BATCH) {
            return new FullBatchStep(jsc, data, settings);
        }
        for (Trainer trainer : trainers) {
            if (trainer.settings().strategy() != Strategy.AVERAGE
                    || !AverageStep.sameBatches(trainer.settings(), settings)) {
                throw new IllegalArgumentException("a shared pass needs strategy average and the same seed, batch size,"
                        + " shift and syncs per epoch");
            }
        }
        return new AverageStep(jsc, data);
    }

    /** The runs' validation accuracies, all measured in one Spark job. */
    private static double[] validationAccuracies(TrainingData data, List<Trainer> runs, List<EpochStep.State> states) {
        return data.validationAccuracies(runs.stream().map(r -> r.settings().architecture()).toList(),
                states.stream().map(s -> s.parameters).toList());
    }
}
