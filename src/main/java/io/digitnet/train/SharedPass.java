package io.digitnet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains several runs over the same cached data in shared passes ({@link SharedPassStep}):
 * every epoch is one Spark job (per sync) for all runs still going. A run leaves the pass
 * when it has done its epochs, stops early or diverges; the others go on. All runs start
 * from epoch 0 together and train with strategy average and the same seed, batch size,
 * shift and syncs per epoch, so that they take the same batches.
 */
public final class SharedPass {
    /** A run that left the pass: its index among the trainers, its progress, and null or why it stopped. */
    public record Ended(int index, Trainer.Progress progress, RuntimeException failure) {}

    /** Told, on the driver, after each epoch, about the runs that left the pass in it (if any). */
    public interface Listener {
        void ended(List<Ended> runs);
    }

    private SharedPass() {}

    public static void train(JavaSparkContext jsc, TrainingData data, List<Trainer> trainers, Listener listener) {
        for (Trainer trainer : trainers) {
            if (trainer.settings().strategy() != Strategy.AVERAGE
                    || !AverageStep.sameBatches(trainer.settings(), trainers.get(0).settings())) {
                throw new IllegalArgumentException("a shared pass needs strategy average and the same seed, batch size,"
                        + " shift and syncs per epoch");
            }
        }
        SharedPassStep step = new SharedPassStep(jsc, data);
        List<Integer> going = new ArrayList<>();
        List<Trainer.Progress> progresses = new ArrayList<>();
        List<EpochStep.State> states = new ArrayList<>();
        for (int i = 0; i < trainers.size(); i++) {
            Trainer.Progress progress = trainers.get(i).start();
            progresses.add(progress);
            states.add(new EpochStep.State(progress.parameters, progress.optimizer));
            going.add(i);
        }
        long started = System.nanoTime();
        int epoch = 0;
        while (!going.isEmpty()) {
            long epochStart = System.nanoTime();
            List<Trainer> runs = going.stream().map(trainers::get).toList();
            double[] loss = step.run(runs, going.stream().map(states::get).toList(), epoch);
            double[] accuracy = validationAccuracies(data, runs, going.stream().map(states::get).toList());
            List<Integer> next = new ArrayList<>();
            List<Ended> ended = new ArrayList<>();
            for (int k = 0; k < going.size(); k++) {
                int i = going.get(k);
                Trainer trainer = trainers.get(i);
                try {
                    trainer.endEpoch(progresses.get(i), states.get(i), loss[k], accuracy[k], epochStart, started, 0);
                } catch (RuntimeException e) {
                    ended.add(new Ended(i, progresses.get(i), e));
                    continue;
                }
                if (trainer.finished(progresses.get(i))) {
                    ended.add(new Ended(i, progresses.get(i), null));
                } else {
                    next.add(i);
                }
            }
            if (!ended.isEmpty()) {
                listener.ended(ended);
            }
            going = next;
            epoch++;
        }
    }

    /**
     * The runs' validation accuracies, measured side by side on the driver's cores: one
     * after another, they kept the executors waiting about 0.07 s an epoch for 8 runs
     * (measured on 2 cores).
     */
    private static double[] validationAccuracies(TrainingData data, List<Trainer> runs, List<EpochStep.State> states) {
        return IntStream.range(0, runs.size()).parallel()
                .mapToDouble(k -> runs.get(k).validationAccuracy(data, states.get(k))).toArray();
    }
}
