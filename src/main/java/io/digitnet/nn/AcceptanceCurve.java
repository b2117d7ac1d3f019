package io.digitnet.nn;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which answers can go unchecked: of answers with a confidence each (a digit's winning
 * output, a field's, ...) and whether each was right, the share a confidence threshold t
 * accepts (confidence >= t; the rest go to a person) and the error among the accepted
 * ones, and for a target error the threshold that meets it.
 *
 * <p>Answers are counted in bins of confidence by a {@link Tally}, which partitions fill and
 * add up, so that no answer needs to be kept. The bins are fine where confidences crowd, near
 * 1: hundredths below 0.9, then 100 a decade of doubt (1 - confidence): 0.9, 0.9023, ..., 0.99,
 * ..., 0.999, ... up to the last double below 1, and 1 itself. A curve holds one {@link
 * Point} per threshold it can answer for, ascending: a tally's curve one per bin that holds
 * answers, at the bin's lowest confidence; {@link #frontier()} only the few that answer some
 * target error.
 *
 * <p>The error among accepted answers does not fall steadily as the threshold rises: one
 * confident mistake among few accepted answers makes a high threshold's error high. {@link
 * #forTargetError} therefore looks at each threshold's own error, which is what a business
 * sets, and picks the lowest threshold that meets the target, the one that accepts the most.
 */
public final class AcceptanceCurve implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Bins a decade of doubt above 0.9. */
    private static final int PER_DECADE = 100;
    /** Every bin's lowest confidence, ascending: a confidence c falls in the last bin whose threshold is <= c. */
    static final double[] GRID = grid();

    private final long answers;
    private final long wrong;
    private final List<Point> points;

    /**
     * What threshold t does to the answers: {@code accepted} have a confidence >= t, {@code
     * wrong} of them are wrong, out of {@code answers} in all.
     */
    public record Point(double threshold, long accepted, long wrong, long answers) implements Serializable {
        /** The share of all answers accepted. */
        public double share() {
            return answers == 0 ? Double.NaN : (double) accepted / answers;
        }

        /** The share of the accepted answers that are wrong; NaN when none is accepted. */
        public double error() {
            return accepted == 0 ? Double.NaN : (double) wrong / accepted;
        }
    }

    /**
     * A curve from its points (e.g. read back from a file).
     *
     * @param answers all answers counted
     * @param wrong the wrong ones among them
     * @param points ascending thresholds in 0..1, each accepting fewer answers than the one before and
     *     at least one, and no more wrong ones
     * @throws IllegalArgumentException saying which point is not so
     */
    public AcceptanceCurve(long answers, long wrong, List<Point> points) {
        if (answers < 0 || wrong < 0 || wrong > answers) {
            throw new IllegalArgumentException("expected 0 <= wrong <= answers, found " + wrong + " wrong of "
                    + answers);
        }
        Point before = null;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            String at = "point " + i + " (threshold " + p.threshold() + "): ";
            if (!(p.threshold() >= 0 && p.threshold() <= 1)) {
                throw new IllegalArgumentException(at + "expected a threshold 0..1");
            }
            if (p.answers() != answers) {
                throw new IllegalArgumentException(at + "expected " + answers + " answers, found " + p.answers());
            }
            long most = before == null ? answers : before.accepted() - 1;
            long mostWrong = before == null ? wrong : before.wrong();
            if (p.accepted() < 1 || p.accepted() > most || p.wrong() < 0 || p.wrong() > Math.min(p.accepted(),
                    mostWrong)) {
                throw new IllegalArgumentException(at + "expected 1.." + most + " accepted with 0.." + mostWrong
                        + " wrong, found " + p.accepted() + " with " + p.wrong() + " wrong");
            }
            if (before != null && !(p.threshold() > before.threshold())) {
                throw new IllegalArgumentException(at + "expected a threshold above " + before.threshold());
            }
            before = p;
        }
        this.answers = answers;
        this.wrong = wrong;
        this.points = List.copyOf(points);
    }

    /** All answers counted. */
    public long answers() {
        return answers;
    }

    /** The wrong answers among them. */
    public long wrong() {
        return wrong;
    }

    /** Ascending thresholds and what each accepts. */
    public List<Point> points() {
        return points;
    }

    /**
     * What threshold t accepts: the counts of the curve's lowest threshold >= t (none accepted
     * above its highest). Exact for a tally's curve and a threshold of the bins' grid (0.5,
     * 0.9, 0.99, 0.999 are); for another t, the answers of the bin that holds t count as
     * below it.
     */
    public Point at(double threshold) {
        for (Point p : points) {
            if (p.threshold() >= threshold) {
                return new Point(threshold, p.accepted(), p.wrong(), answers);
            }
        }
        return new Point(threshold, 0, 0, answers);
    }

    /**
     * The lowest threshold of the curve whose accepted answers are wrong at most {@code
     * target} of the time (so the one accepting the most); empty if there is none, when even
     * the most confident answers are wrong more often.
     */
    public Optional<Point> forTargetError(double target) {
        for (Point p : points) {
            if (p.error() <= target) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The same curve with only the points that {@link #forTargetError} can answer: those whose
     * error is below that of every lower threshold. It answers every target error as this
     * curve does, with far fewer points to store.
     */
    public AcceptanceCurve frontier() {
        List<Point> kept = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        for (Point p : points) {
            if (p.error() < lowest) {
                kept.add(p);
                lowest = p.error();
            }
        }
        return new AcceptanceCurve(answers, wrong, kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AcceptanceCurve c && c.answers == answers && c.wrong == wrong
                && c.points.equals(points);
    }

    @Override
    public int hashCode() {
        return points.hashCode() * 31 + Long.hashCode(answers);
    }

    @Override
    public String toString() {
        return "AcceptanceCurve[" + answers + " answers, " + wrong + " wrong, " + points.size() + " points]";
    }

    /** Answers counted per bin of confidence; partitions' tallies add up. Not thread-safe. */
    public static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;

        private final long[] answers = new long[GRID.length];
        private final long[] wrong = new long[GRID.length];

        /** Counts one answer of this confidence (0..1), right or not. */
        public void add(double confidence, boolean right) {
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("expected a confidence 0..1, found " + confidence);
            }
            int found = Arrays.binarySearch(GRID, confidence);
            int bin = found >= 0 ? found : -found - 2;
            answers[bin]++;
            if (!right) {
                wrong[bin]++;
            }
        }

        /** Adds another tally's counts to this one's. */
        public Tally addAll(Tally other) {
            for (int b = 0; b < GRID.length; b++) {
                answers[b] += other.answers[b];
                wrong[b] += other.wrong[b];
            }
            return this;
        }

        /** The curve: a point for every bin that holds answers, at its lowest confidence. */
        public AcceptanceCurve curve() {
            List<Point> points = new ArrayList<>();
            long total = Arrays.stream(answers).sum();
            long accepted = 0;
            long acceptedWrong = 0;
            for (int b = GRID.length - 1; b >= 0; b--) {
                accepted += answers[b];
                acceptedWrong += wrong[b];
                if (answers[b] > 0) {
                    points.add(new Point(GRID[b], accepted, acceptedWrong, total));
                }
            }
            Collections.reverse(points);
            return new AcceptanceCurve(total, acceptedWrong, points);
        }
    }

    /**
     * The bins' thresholds: 0, 0.01, ..., 0.89, then 1 - 10^(-k/100) from k = 100 (0.9) with
     * the doubt rounded to 3 significant digits (0.9023, 0.99573, ...: short decimals, exactly
     * as printed, and the whole decades as written), while the doubles still tell them apart,
     * then 1.
     */
    private static double[] grid() {
        List<Double> grid = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            grid.add(i / 100.0);
        }
        for (int k = PER_DECADE; ; k++) {
            BigDecimal doubt = new BigDecimal(Math.pow(10, -(double) k / PER_DECADE)).round(new MathContext(3));
            double threshold = BigDecimal.ONE.subtract(doubt).doubleValue();
            if (threshold >= 1) {
                break;
            }
            if (threshold > grid.get(grid.size() - 1)) {
                grid.add(threshold);
            }
        }
        grid.add(1.0);
        return grid.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
