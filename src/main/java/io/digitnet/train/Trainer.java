package io.digitnet.train;

import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One run's training: its start, and after each epoch (of the {@link EpochLoop}) its
 * bookkeeping: one progress line, the best epoch's weights by validation accuracy, the
 * early stop when that has not improved for {@code patience} epochs, a diverged run's
 * failure; every finished epoch goes to the checkpoint sink so that a run can resume from it.
 */
public final class Trainer {
    /** A training loss this many times a guessing network's means the run has diverged. */
    private static final int DIVERGED = 10;

    private final TrainSettings settings;
    private final Consumer<String> progress;

    public Trainer(TrainSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Where a run stands after an epoch: what a checkpoint holds. */
    public static final class Progress implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public final Parameters parameters;
        public final OptimizerState optimizer;
        public final Parameters best;
        public int bestEpoch;
        public double bestAccuracy;
        public final List<EpochMetrics> epochs;

        public Progress(Parameters parameters, OptimizerState optimizer, Parameters best, int bestEpoch,
                double bestAccuracy, List<EpochMetrics> epochs) {
            this.parameters = parameters;
            this.optimizer = optimizer;
            this.best = best;
            this.bestEpoch = bestEpoch;
            this.bestAccuracy = bestAccuracy;
            this.epochs = new ArrayList<>(epochs);
        }

        /** Epochs done (the next epoch's 0-based index). */
        public int epochsDone() {
            return epochs.size();
        }

        /** Whether early stopping ended the run after the epochs done. */
        public boolean stoppedEarly(int patience) {
            return patience > 0 && epochsDone() - bestEpoch > patience;
        }
    }

    /** The state before the first epoch. */
    public Progress start() {
        Parameters initial = Parameters.initial(settings.architecture(), settings.seed());
        return new Progress(initial, OptimizerState.initial(settings.architecture(), settings.optimizer()),
                initial.copy(), 0, -1, List.of());
    }

    /**
     * Trains from {@code progress} (a fresh start or a checkpoint) to the last epoch or the
     * early stop; {@code afterEpoch} sees the progress after every epoch.
     */
    public Progress train(JavaSparkContext jsc, TrainingData data, Progress progress, Consumer<Progress> afterEpoch) {
        EpochLoop.train(jsc, data, List.of(this), List.of(progress), new EpochLoop.Listener() {
            @Override
            public void epochDone(int index, Progress done) {
                afterEpoch.accept(done);
            }

            @Override
            public void ended(List<EpochLoop.Ended> runs) {
                if (runs.get(0).failure() != null) {
                    throw runs.get(0).failure();
                }
            }
        });
        return progress;
    }

    /** Whether the run is over: all its epochs done, or stopped early. */
    boolean finished(Progress progress) {
        return progress.epochsDone() >= settings.epochs() || progress.stoppedEarly(settings.patience());
    }

    /**
     * After the strategy ran an epoch into {@code state}, with its validation accuracy: fails a run that has diverged (a weight no longer finite, or a
     * loss over 10 times a guessing network's), keeps the best epoch, prints the epoch's
     * line (and the early stop's). {@code started} and {@code first} (nanoTime and epoch
     * when this run began) give the ETA.
     */
    void endEpoch(Progress progress, EpochStep.State state, double loss, double accuracy, long epochStart,
            long started, int first) {
        int epoch = progress.epochsDone();
        String why = state.parameters.firstNonFinite(); // why the run has diverged, if it has
        double guessing = settings.architecture().guessingLoss();
        if (why == null && !(loss <= DIVERGED * guessing)) {
            why = String.format("loss %.4g a row, over %d times a guessing network's %.4g", loss, DIVERGED,
                    guessing);
        }
        if (why != null) {
            throw new TrainingDivergedException("epoch " + (epoch + 1) + ": training diverged (" + why
                    + "); try a smaller learning rate");
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        progress.epochs.add(new EpochMetrics(epoch + 1, loss, accuracy, settings.learningRate(epoch), seconds));
        if (accuracy > progress.bestAccuracy || Double.isNaN(accuracy)) {
            progress.bestAccuracy = accuracy;
            progress.bestEpoch = epoch + 1;
            progress.best.setTo(state.parameters);
        }
        progress.parameters.setTo(state.parameters);
        double perEpoch = (System.nanoTime() - started) / 1e9 / (epoch + 1 - first);
        this.progress.accept(String.format("epoch %d/%d  loss %.4f  validation %s  %.2f s  ETA %.0f s",
                epoch + 1, settings.epochs(), loss,
                Double.isNaN(accuracy) ? "-" : String.format("%.2f%%", 100 * accuracy), seconds,
                perEpoch * (settings.epochs() - epoch - 1)));
        if (progress.stoppedEarly(settings.patience())) {
            this.progress.accept(String.format("stopped early: no better validation accuracy for %d epochs; "
                    + "keeping epoch %d (%.2f%%)", settings.patience(), progress.bestEpoch, 100 * progress.bestAccuracy));
        }
    }

    public TrainSettings settings() {
        return settings;
    }

    /** Training diverged (weights not finite, or a loss far above guessing): the settings are at fault. */
    public static final class TrainingDivergedException extends io.digitnet.BadInputException {
        private static final long serialVersionUID = 1L;

        public TrainingDivergedException(String message) {
            super(message);
        }
    }
}
