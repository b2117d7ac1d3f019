package io.digitnet.tune;

import io.digitnet.data.HadoopFiles;
import io.digitnet.data.JsonFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What one run of a tuning came to: a row of the leaderboard, kept as TUNE_DIR/runs/NAME.json
 * so that a resumed tuning knows it is done.
 *
 * @param status {@link #OK}, {@link #DIVERGED} (the settings' fault: not redone on resume) or
 *     {@link #ERROR} (anything else: redone on resume)
 * @param bestValidationAccuracy the best epoch's accuracy on the validation split (which picks the epoch)
 * @param testAccuracy that epoch's model on the test set, or null
 * @param seconds the run's wall time (in a shared pass: from the pass's start to the run's end)
 * @param model the model directory, or null (failed, stopped by successive halving, or removed by --keep-best)
 * @param rung with successive halving: the rungs the run reached (null in a grid search)
 * @param rungAccuracies with successive halving: its validation accuracy so far at each rung it reached
 */
public record TuneResult(String name, String hidden, double learningRate, String activation, long parameters,
        String status, Double bestValidationAccuracy, Integer bestEpoch, int epochs, Double testAccuracy,
        double seconds, String error, String model, Integer rung, java.util.List<Double> rungAccuracies) {
    public static final String OK = "ok";
    public static final String DIVERGED = "diverged";
    public static final String ERROR = "error";
    /** Successive halving stopped it at a rung: not among the best there. */
    public static final String STOPPED = "stopped";

    public boolean ok() {
        return OK.equals(status);
    }

    /** Whether it trained without failing, to its end or to the rung that stopped it: it has accuracies. */
    public boolean trained() {
        return OK.equals(status) || STOPPED.equals(status);
    }

    /** The status as the leaderboard shows it: "stopped at rung 2" for a run halving stopped. */
    public String statusText() {
        return STOPPED.equals(status) ? "stopped at rung " + rung : status;
    }

    /** Whether a resumed tuning keeps this result rather than running the configuration again. */
    public boolean finished() {
        return !ERROR.equals(status);
    }

    public TuneResult withoutModel() {
        return new TuneResult(name, hidden, learningRate, activation, parameters, status, bestValidationAccuracy,
                bestEpoch, epochs, testAccuracy, seconds, error, null, rung, rungAccuracies);
    }

    /** Writes {@code file} whole or not at all. */
    public void write(Configuration conf, Path file) {
        HadoopFiles.writeWhole(file, conf, out -> JsonFiles.MAPPER.writeValue(out, this));
    }

    public static TuneResult read(Configuration conf, Path file) {
        return JsonFiles.read(conf, file, TuneResult.class, "a tuning result");
    }
}
