package io.digitnet.ml;

import java.util.Arrays;

/** MLlib's class thresholds: the prediction is the class whose probability divided by its threshold is largest. */
final class Thresholds {
    private Thresholds() {}

    /** The thresholds, if there is one per class, none negative and at most one 0. */
    static double[] check(double[] thresholds, int classes) {
        long zeros = Arrays.stream(thresholds).filter(t -> t == 0).count();
        if (thresholds.length != classes || Arrays.stream(thresholds).anyMatch(t -> !(t >= 0)) || zeros > 1) {
            throw new IllegalArgumentException("thresholds: expected " + classes + " values >= 0, at most one of "
                    + "them 0, found " + Arrays.toString(thresholds));
        }
        return thresholds.clone();
    }

    /** The class with the largest probability / threshold; a class whose threshold is 0 wins outright. */
    static int predict(double[] probability, double[] thresholds) {
        int best = 0;
        double most = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < probability.length; i++) {
            double scaled = probability[i] / thresholds[i];
            if (scaled > most) {
                most = scaled;
                best = i;
            }
        }
        return best;
    }
}
