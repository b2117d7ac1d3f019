package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AcceptanceCurveTest {

    private static AcceptanceCurve curve(double[] confidences, boolean[] right) {
        AcceptanceCurve.Tally tally = new AcceptanceCurve.Tally();
        for (int i = 0; i < confidences.length; i++) {
            tally.add(confidences[i], right[i]);
        }
        return tally.curve();
    }

    /** Eight answers, three wrong: 0.30 x, 0.55, 0.62 x, 0.95, 0.95, 0.991 x, 0.9995, 1.0. */
    private static AcceptanceCurve eight() {
        return curve(new double[] {0.62, 0.30, 1.0, 0.95, 0.991, 0.9995, 0.55, 0.95},
                new boolean[] {false, false, true, true, false, true, true, true});
    }

    private static void assertPoint(long accepted, long wrong, AcceptanceCurve.Point p) {
        assertEquals(List.of(accepted, wrong, 8L), List.of(p.accepted(), p.wrong(), p.answers()), p.toString());
    }

    @Test
    void aThresholdAcceptsTheAnswersAtOrAboveItAndCountsTheWrongOnesAmongThem() {
        AcceptanceCurve curve = eight();
        assertEquals(8, curve.answers());
        assertEquals(3, curve.wrong());
        assertPoint(8, 3, curve.at(0.0));
        assertPoint(8, 3, curve.at(0.3));
        assertPoint(7, 2, curve.at(0.5)); // 0.55 0.62x 0.95 0.95 0.991x 0.9995 1.0
        assertPoint(5, 1, curve.at(0.9)); // 0.95 0.95 0.991x 0.9995 1.0
        assertPoint(3, 1, curve.at(0.99)); // 0.991x 0.9995 1.0
        assertPoint(2, 0, curve.at(0.999)); // 0.9995 1.0
        assertPoint(1, 0, curve.at(1.0));
        assertEquals(0.9, curve.at(0.9).threshold());
        assertEquals(5 / 8.0, curve.at(0.9).share());
        assertEquals(1 / 5.0, curve.at(0.9).error());
        assertEquals(Double.NaN, new AcceptanceCurve(0, 0, List.of()).at(0.5).error());
    }

    @Test
    void aTargetErrorGetsTheLowestThresholdWhoseOwnErrorMeetsIt() {
        AcceptanceCurve curve = eight();
        // From 0.55 up the error is 2/7, from 0.62 up 2/6, from 0.95's bin 1/5, from 0.991's 1/3.
        AcceptanceCurve.Point third = curve.forTargetError(0.3).orElseThrow();
        assertEquals(0.55, third.threshold());
        assertPoint(7, 2, third);
        assertPoint(5, 1, curve.forTargetError(0.25).orElseThrow());
        assertPoint(5, 1, curve.forTargetError(0.2).orElseThrow()); // exactly 1/5 meets 0.2
        assertEquals(0.9499, curve.forTargetError(0.2).orElseThrow().threshold()); // 0.95's bin: 1 - 10^-1.30 (0.0501)
        assertPoint(2, 0, curve.forTargetError(0.1).orElseThrow()); // 0.991 x is the most confident mistake
        assertPoint(8, 3, curve.forTargetError(0.5).orElseThrow());
    }

    @Test
    void aTargetTheMostConfidentAnswersAlreadyMissIsNotMet() {
        AcceptanceCurve curve = curve(new double[] {1.0, 0.99, 0.5}, new boolean[] {false, true, true});
        assertEquals(Optional.empty(), curve.forTargetError(0.3)); // 1/3, 1/2 and 1/1 wrong
        assertEquals(0.5, curve.forTargetError(1 / 3.0).orElseThrow().threshold());
        assertEquals(Optional.empty(), new AcceptanceCurve(0, 0, List.of()).forTargetError(0.5));
    }

    @Test
    void theFrontierKeepsOnlyThePointsATargetCanPickAndAnswersEveryTargetTheSame() {
        AcceptanceCurve frontier = eight().frontier();
        assertEquals(List.of(0.3, 0.55), frontier.points().stream().limit(2).map(AcceptanceCurve.Point::threshold)
                .toList());
        assertEquals(List.of(8L, 7L, 5L, 2L), frontier.points().stream().map(AcceptanceCurve.Point::accepted)
                .toList());

        Random random = new Random(4);
        AcceptanceCurve.Tally tally = new AcceptanceCurve.Tally();
        for (int i = 0; i < 20000; i++) {
            double doubt = Math.pow(10, -8 * random.nextDouble()); // confidences crowding near 1, as a network's
            tally.add(1 - doubt, random.nextDouble() > doubt / 3);
        }
        AcceptanceCurve full = tally.curve();
        AcceptanceCurve few = full.frontier();
        assertTrue(few.points().size() * 5 < full.points().size(), few + " of " + full);
        for (double target = 0.2; target > 1e-6; target *= 0.93) {
            assertEquals(full.forTargetError(target), few.forTargetError(target), "target " + target);
        }
    }

    @Test
    void tallyingInPartsAndAddingThemUpGivesTheCurveOfTheWhole() {
        Random random = new Random(9);
        AcceptanceCurve.Tally whole = new AcceptanceCurve.Tally();
        List<AcceptanceCurve.Tally> parts = List.of(new AcceptanceCurve.Tally(), new AcceptanceCurve.Tally(),
                new AcceptanceCurve.Tally());
        for (int i = 0; i < 3000; i++) {
            double confidence = random.nextDouble();
            boolean right = random.nextBoolean();
            whole.add(confidence, right);
            parts.get(i % 3).add(confidence, right);
        }
        AcceptanceCurve.Tally added = new AcceptanceCurve.Tally();
        parts.forEach(added::addAll);
        assertEquals(whole.curve(), added.curve());
    }

    @Test
    void theBinsHoldTheUsualThresholdsExactlyAndTellApartConfidencesUpToOne() {
        double[] grid = AcceptanceCurve.GRID;
        for (int i = 1; i < grid.length; i++) {
            assertTrue(grid[i] > grid[i - 1], "ascending at " + i);
        }
        List<Double> usual = new ArrayList<>();
        for (double t : grid) {
            if (List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999, 0.99999, 1.0).contains(t)) {
                usual.add(t);
            }
        }
        assertEquals(List.of(0.0, 0.5, 0.8, 0.9, 0.99, 0.999, 0.9999, 0.99999, 1.0), usual);
        for (double t : grid) {
            java.math.BigDecimal doubt = java.math.BigDecimal.ONE.subtract(new java.math.BigDecimal(Double.toString(t)));
            assertTrue(doubt.stripTrailingZeros().precision() <= 3, "a short decimal: " + t);
        }
        assertTrue(grid[grid.length - 2] >= 1 - 1e-15, "bins up to 1 - 1e-15: " + grid[grid.length - 2]);
        AcceptanceCurve nearOne = curve(new double[] {Math.nextDown(1.0), 1.0, 1 - 1e-12},
                new boolean[] {true, true, false});
        assertEquals(3, nearOne.points().size());
        assertEquals(1.0, nearOne.points().get(2).threshold());
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceCurve.Tally().add(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceCurve.Tally().add(1.5, true));
    }

    @Test
    void pointsReadBackMustDescribeACurve() {
        AcceptanceCurve.Point first = new AcceptanceCurve.Point(0.5, 10, 2, 10);
        assertEquals(eight().frontier(), new AcceptanceCurve(8, 3, eight().frontier().points()));
        for (List<AcceptanceCurve.Point> bad : List.of(
                List.of(new AcceptanceCurve.Point(1.5, 10, 2, 10)),
                List.of(new AcceptanceCurve.Point(Double.NaN, 10, 2, 10)),
                List.of(new AcceptanceCurve.Point(0.5, 11, 2, 10)),
                List.of(new AcceptanceCurve.Point(0.5, 10, 3, 10)),
                List.of(new AcceptanceCurve.Point(0.5, 0, 0, 10)),
                List.of(new AcceptanceCurve.Point(0.5, 10, 2, 9)),
                List.of(first, new AcceptanceCurve.Point(0.4, 9, 2, 10)),
                List.of(first, new AcceptanceCurve.Point(0.6, 10, 2, 10)),
                List.of(first, new AcceptanceCurve.Point(0.6, 9, 3, 10)))) {
            assertThrows(IllegalArgumentException.class, () -> new AcceptanceCurve(10, 2, bad), bad.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new AcceptanceCurve(10, 11, List.of()));
    }
}
