package io.digitnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Test accuracy against training seconds, one point per step in the order the steps were
 * taken: per epoch for our trainer (cumulative seconds), per maxIter setting for MLPC
 * (each fit's own seconds). Answers "how many seconds until the accuracy first reached x".
 */
final class AccuracyCurve {

    /**
     * @param step the epoch (ours) or the maxIter setting (MLPC)
     * @param seconds training seconds to reach this point
     * @param accuracy test accuracy at this point, 0..1
     */
    record Point(int step, double seconds, double accuracy) {}

    private final List<Point> points = new ArrayList<>();

    void add(int step, double seconds, double accuracy) {
        points.add(new Point(step, seconds, accuracy));
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    /** The seconds of the first point with accuracy at least {@code accuracy}; empty if none. */
    OptionalDouble secondsToReach(double accuracy) {
        for (Point point : points) {
            if (point.accuracy() >= accuracy) {
                return OptionalDouble.of(point.seconds());
            }
        }
        return OptionalDouble.empty();
    }

    /** The point with the highest accuracy (the first of equals); null when there are none. */
    Point best() {
        Point best = null;
        for (Point point : points) {
            if (best == null || point.accuracy() > best.accuracy()) {
                best = point;
            }
        }
        return best;
    }
}
