package io.digitnet.bench;

import io.digitnet.nn.Predictions;
import io.digitnet.nn.Samples;
import io.digitnet.train.Trainer;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneRun;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's answer against its seconds: whenever another configuration leads (the highest
 * best validation accuracy so far, the first to reach it) or the leader's best epoch moves,
 * the leader's best model is measured on the test set, with the clock paused. So
 * {@link #secondsToReach} says when the model the search would return if stopped then
 * first reached a test accuracy, and {@link #stop} gives the tuning's seconds without the
 * measuring.
 */
final class LeaderCurve implements TuneJob.EpochWatcher {
    private final Samples test;
    private final TrainingClock clock = new TrainingClock();
    private final AccuracyCurve curve = new AccuracyCurve();
    private String leader;
    private double leaderValidation = -1;
    private int leaderEpoch = -1;
    /** Who led at each of the curve's points: "NAME after N epochs". */
    private final List<String> leaders = new ArrayList<>();

    LeaderCurve(Samples test) {
        this.test = test;
    }

    /** Starts the clock: call as the tuning starts. */
    void start() {
        clock.run();
    }

    /** Stops the clock as the tuning ends; returns its seconds, the test measures left out. */
    double stop() {
        return clock.pause();
    }

    @Override
    public void epochDone(TuneRun run, Trainer.Progress progress) {
        boolean overtakes = progress.bestAccuracy > leaderValidation;
        boolean leaderMoved = run.name().equals(leader) && progress.bestEpoch != leaderEpoch;
        if (!overtakes && !leaderMoved) {
            return;
        }
        double seconds = clock.pause();
        leader = run.name();
        leaderValidation = progress.bestAccuracy;
        leaderEpoch = progress.bestEpoch;
        double accuracy = Predictions.accuracy(run.settings().architecture(), progress.best, test);
        leaders.add(leader + " after " + progress.epochsDone() + (progress.epochsDone() == 1 ? " epoch" : " epochs"));
        curve.add(progress.epochsDone(), seconds, accuracy);
        clock.run();
    }

    /** The seconds until the leader's test accuracy first reached {@code accuracy}, or NaN. */
    double secondsToReach(double accuracy) {
        return curve.secondsToReach(accuracy).orElse(Double.NaN);
    }

    /** Which leader first reached {@code accuracy}, and when ("NAME after N epochs"), or "never". */
    String whoReached(double accuracy) {
        List<AccuracyCurve.Point> points = curve.points();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).accuracy() >= accuracy) {
                return leaders.get(i);
            }
        }
        return "never";
    }
}
