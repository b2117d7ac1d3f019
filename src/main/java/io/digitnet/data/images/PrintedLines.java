package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The printed form removed from a page's ink before the digit is cropped: the box a digit
 * was written in, the comb of a field, the line under it. Left in, a box becomes the crop
 * and the digit a small thing inside it.
 *
 * <p>A printed line is long, thin and straight: rows (or columns) of ink running for at
 * least half the page, whose ink, across the run, is at most a twelfth of its length
 * thick, and which runs nearly across the page or meets other print (or the page's edge)
 * at both ends, or carries a tick at each end (an open box). A digit's longest stroke (the bar of a 7, the foot of a 2) is usually
 * several times thicker, and ends in the digit's other strokes.
 *
 * <p>Where the pen crosses a line (ink on both sides of it), the crossing is the pen's and
 * stays; elsewhere the line's pixels are paper again, with the weak ripples beside it that
 * JPEG leaves along any sharp edge.
 */
final class PrintedLines {
    /** A line runs for at least this share of the page's width (rows) or height (columns). */
    private static final double LENGTH_SHARE = 0.5;
    /** But a comb's teeth (see {@link #COMB_TEETH}) only this share: its boxes may be short on a page with wide margins. */
    private static final double TOOTH_SHARE = 0.3;
    /** A row of print that meets no column of print at both ends must run for most of the page. */
    private static final double LONE_ROW_SHARE = 0.8;
    /** And a column nearly from edge to edge: a tall 1 is long and thin too. */
    private static final double LONE_COLUMN_SHARE = 0.9;
    /** And is at least this many times longer than it is thick. */
    private static final int SLENDERNESS = 12;
    /** A line runs on across gaps of up to this many pixels: noise and dropouts break printed lines. */
    private static final int GAP = 1;
    /**
     * Or half as slender where it meets other print at one end and is one of this many (or
     * more) that start and end alike and lie parallel, as the teeth of a comb do: a comb's
     * boxes are barely taller than a digit, its teeth as thick as a box's sides, and scanner
     * noise can break the line that closes them. Written 1s do not end to a pixel alike. Four,
     * not three: a single box's two sides and a stroke standing between its lines are three
     * (2,000 boxed digits at 2x: 92.60 % against 92.05 %); fields of 3 digits or more have four.
     */
    private static final int COMB_TEETH = 4;
    /** Teeth alike end within this many pixels of each other and differ in slope by less than {@link #TEETH_SLOPE}. */
    private static final int TEETH_ENDS = 3;
    private static final double TEETH_SLOPE = 0.02;
    /** Beside a line, this many pixels either way are checked for JPEG's ripples. */
    private static final int RIPPLE_REACH = 2;
    /** A pixel beside a line weaker than this share of the line's ink is a ripple of it. */
    private static final float RIPPLE_SHARE = 0.3f;

    private PrintedLines() {}

    /**
     * Sets the printed lines among {@code levels} (width x height, 0 = paper) to 0, but where
     * the pen crosses them; returns the lines. {@code ink} counts the levels over 0.
     */
    static List<Line> remove(float[] levels, int width, int height, InkCounts ink) {
        // Lines and teeth are looked for among the runs of the rows and columns with ink enough.
        Runs rowRuns = Runs.of(levels, width, height, false, minLength(TOOTH_SHARE, width), ink.rows());
        Runs columnRuns = Runs.of(levels, width, height, true, minLength(TOOTH_SHARE, height), ink.columns());
        List<Line> rows = slender(find(levels, width, height, rowRuns, LENGTH_SHARE, 1, false));
        List<Line> columns = slender(find(levels, width, height, columnRuns, LENGTH_SHARE, 1, false));
        List<Line> lines = new ArrayList<>(framed(rows, columns, LONE_ROW_SHARE * width));
        lines.addAll(framed(columns, rows, LONE_COLUMN_SHARE * height));
        if (lines.size() < rows.size()) {
            lines.addAll(openBoxes(rows, lines, find(levels, width, height, columnRuns, TOOTH_SHARE, 2, false)));
        }
        if (lines.isEmpty()) {
            return lines;
        }
        // Teeth are looked for apart, among shorter runs: searched with the lines, a digit's
        // strokes as long would join a box's side touching them and thicken it past a line.
        lines.addAll(teeth(find(levels, width, height, rowRuns, TOOTH_SHARE, COMB_TEETH, true), columns, lines));
        lines.addAll(teeth(find(levels, width, height, columnRuns, TOOTH_SHARE, COMB_TEETH, true), rows, lines));
        float[] original = levels.clone();
        // The pen is the ink off every line: a stroke beside a line, not the next line of a form.
        float[] pen = levels.clone();
        for (Line line : lines) {
            line.clear(pen, width, height);
        }
        for (Line line : lines) {
            line.erase(original, pen, levels, width, height);
        }
        return lines;
    }

    private static List<Line> slender(List<Line> candidates) {
        return candidates.stream().filter(line -> line.length() >= LENGTH_SHARE * line.span()
                && line.length() >= SLENDERNESS * line.thickness()).toList();
    }

    /** The candidates not yet among {@code lines} that are teeth of a comb (see {@link #COMB_TEETH}). */
    private static List<Line> teeth(List<Line> candidates, List<Line> perpendiculars, List<Line> lines) {
        List<Line> thin = candidates.stream()
                .filter(line -> 2 * line.length() >= SLENDERNESS * line.thickness()).toList();
        return thin.stream().filter(line -> !lines.contains(line)
                && (meets(line.from(), line, perpendiculars) || meets(line.to(), line, perpendiculars))
                && thin.stream().filter(other -> alike(line, other)).count() >= COMB_TEETH).toList();
    }

    /**
     * The rows not yet among {@code lines} with a tick standing on (or hanging from) each of
     * their ends, and those ticks: an open box, a line with its sides raised a little way as
     * forms print them. The ticks are slender as a comb's teeth are, and alike: a digit's
     * strokes do not stand at both ends of a line half the page long, alike to a pixel.
     */
    private static List<Line> openBoxes(List<Line> rows, List<Line> lines, List<Line> columns) {
        List<Line> found = new ArrayList<>();
        List<Line> ticks = columns.stream().filter(line -> 2 * line.length() >= SLENDERNESS * line.thickness()).toList();
        for (Line row : rows) {
            if (lines.contains(row)) {
                continue;
            }
            for (Line first : ticks) {
                for (Line last : ticks) {
                    if (standsAt(first, row, row.from()) && standsAt(last, row, row.to()) && alike(first, last)) {
                        found.addAll(List.of(row, first, last));
                    }
                }
            }
        }
        return found.stream().distinct().toList();
    }

    /** Whether an end of {@code tick} lies on {@code row} at the row's {@code end} along it. */
    private static boolean standsAt(Line tick, Line row, int end) {
        int reach = row.thickness() + tick.thickness() + 2;
        for (int tickEnd : new int[] {tick.from(), tick.to()}) {
            double x = tick.centre(tickEnd);
            if (Math.abs(x - end) <= reach && Math.abs(row.centre((int) Math.round(x)) - tickEnd) <= reach) {
                return true;
            }
        }
        return false;
    }

    private static boolean alike(Line a, Line b) {
        return Math.abs(a.from() - b.from()) <= TEETH_ENDS && Math.abs(a.to() - b.to()) <= TEETH_ENDS
                && Math.abs(a.slope() - b.slope()) < TEETH_SLOPE;
    }

    /**
     * The candidates that are print: those nearly as long as the page, and those whose
     * both ends meet a perpendicular candidate or the page's edge, as a box's sides and a
     * comb's teeth do. The foot of a 2 can be as long, thin and straight as a line, but
     * one end of it is a stroke, not a corner.
     */
    private static List<Line> framed(List<Line> candidates, List<Line> perpendiculars, double lone) {
        return candidates.stream().filter(line -> line.length() >= lone
                || (meets(line.from(), line, perpendiculars) && meets(line.to(), line, perpendiculars))).toList();
    }

    /** Whether the end of {@code line} at {@code end} along it lies at the page's edge or on one of {@code perpendiculars}. */
    private static boolean meets(int end, Line line, List<Line> perpendiculars) {
        int reach = line.thickness() + 2;
        if (end <= reach || end >= line.span() - 1 - reach) {
            return true;
        }
        int across = (int) Math.round(line.centre(end));
        for (Line other : perpendiculars) {
            if (across >= other.from() - reach && across <= other.to() + reach
                    && Math.abs(other.centre(across) - end) <= other.thickness() / 2.0 + reach) {
                return true;
            }
        }
        return false;
    }

    private static int minLength(double share, int along) {
        return (int) Math.ceil(share * along);
    }

    /**
     * The printed lines among {@code runs} at least {@code share} of the page long, running
     * along rows or columns as the runs do; none unless there are {@code fewest} candidates,
     * that many starting and ending {@link #alike} if {@code alikeEnds} (teeth come four alike
     * or not at all, and most pages have fewer). Coordinates: {@code a} along the line,
     * {@code b} across it.
     */
    private static List<Line> find(float[] levels, int width, int height, Runs runs, double share, int fewest,
            boolean alikeEnds) {
        boolean vertical = runs.vertical();
        int along = vertical ? height : width;
        int across = vertical ? width : height;
        int minLength = minLength(share, along);
        int[] chosen = new int[runs.count()];
        int count = 0;
        for (int r = 0; r < runs.count(); r++) {
            if (runs.to(r) - runs.from(r) >= minLength) {
                chosen[count++] = r;
            }
        }
        // Long runs on neighbouring rows (columns) that overlap along are one candidate line.
        DisjointSets sets = new DisjointSets(count);
        for (int i = 0, aboveStart = 0, aboveEnd = 0; i < count; ) {
            int b = runs.across(chosen[i]);
            int end = i;
            while (end < count && runs.across(chosen[end]) == b) {
                end++;
            }
            if (aboveEnd > aboveStart && runs.across(chosen[aboveStart]) == b - 1) {
                for (int r = i, q = aboveStart; r < end; r++) {
                    while (q < aboveEnd && runs.to(chosen[q]) <= runs.from(chosen[r])) {
                        q++;
                    }
                    for (int k = q; k < aboveEnd && runs.from(chosen[k]) < runs.to(chosen[r]); k++) {
                        sets.join(k, r);
                    }
                }
            }
            aboveStart = i;
            aboveEnd = end;
            i = end;
        }
        DisjointSets.Numbered numbered = sets.numbered();
        int[] candidateOf = numbered.set();
        int candidates = numbered.count();
        if (candidates < fewest || alikeEnds && !endAlike(runs, chosen, candidateOf, candidates, fewest)) {
            return List.of();
        }
        Candidate[] found = new Candidate[candidates];
        for (int i = 0; i < count; i++) {
            int c = candidateOf[i];
            if (found[c] == null) {
                found[c] = new Candidate(along);
            }
            found[c].add(runs.across(chosen[i]), runs.from(chosen[i]), runs.to(chosen[i]));
        }
        List<Line> lines = new ArrayList<>();
        for (Candidate candidate : found) {
            Line line = candidate.line(levels, width, along, across, vertical);
            if (line != null && line.isStraight()) { // null if it is no line
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * Whether {@code fewest} of the candidates start and end within {@link #TEETH_ENDS} of one
     * of them, as the lines through them would: found from their runs, before their lines.
     */
    private static boolean endAlike(Runs runs, int[] chosen, int[] candidateOf, int candidates, int fewest) {
        int[] from = new int[candidates];
        int[] to = new int[candidates];
        Arrays.fill(from, Integer.MAX_VALUE);
        for (int i = 0; i < candidateOf.length; i++) {
            from[candidateOf[i]] = Math.min(from[candidateOf[i]], runs.from(chosen[i]));
            to[candidateOf[i]] = Math.max(to[candidateOf[i]], runs.to(chosen[i]));
        }
        for (int c = 0; c < candidates; c++) {
            int alike = 0;
            for (int other = 0; other < candidates; other++) {
                alike += Math.abs(from[c] - from[other]) <= TEETH_ENDS && Math.abs(to[c] - to[other]) <= TEETH_ENDS ? 1 : 0;
            }
            if (alike >= fewest) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ink pixels in each row and each column, as {@link InkPasses#ink} counts them. A run
     * of ink from its first pixel to its last, over gaps of a pixel, is at least half ink: a
     * row (column) with less ink than half a line's length holds no line, and most of a
     * page's are not read again.
     */
    record InkCounts(int[] rows, int[] columns) {}

    /**
     * The runs of ink along rows ({@code vertical} false) or columns at least a given length,
     * each from its first ink to its last, going on across gaps of up to {@link #GAP} pixels,
     * in order across and then along: (across, from, to) triples, {@code to} past the last ink.
     */
    private record Runs(boolean vertical, int[] triples, int count) {
        /** Only the rows (columns) whose {@code ink} is at least half {@code minLength} are read. */
        static Runs of(float[] levels, int width, int height, boolean vertical, int minLength, int[] ink) {
            int along = vertical ? height : width;
            int[] triples = new int[48];
            int count = 0;
            for (int b = 0; b < ink.length; b++) {
                if (2 * ink[b] < minLength) {
                    continue;
                }
                int a = 0;
                while (a < along) {
                    if (!(levels[index(a, b, width, vertical)] > 0)) {
                        // Along a row, the paper is passed over a vector at a time.
                        a = vertical ? a + 1
                                : InkPasses.FASTEST.nextInk(levels, b * width + a, (b + 1) * width) - b * width;
                        continue;
                    }
                    // A run from here long enough has ink among the GAP + 1 places up to its
                    // shortest end: where they are all paper, no run starting before them is.
                    int end = a + minLength - 1;
                    if (end >= along) {
                        break;
                    }
                    if (paperFrom(levels, width, vertical, b, end - GAP, end)) {
                        a = end + 1;
                        continue;
                    }
                    int from = a;
                    int last = a;
                    for (a++; a < along && (levels[index(a, b, width, vertical)] > 0 || a - last <= GAP); a++) {
                        last = levels[index(a, b, width, vertical)] > 0 ? a : last;
                    }
                    if (last + 1 - from >= minLength) {
                        if (3 * count + 3 > triples.length) {
                            triples = Arrays.copyOf(triples, 2 * triples.length);
                        }
                        triples[3 * count] = b;
                        triples[3 * count + 1] = from;
                        triples[3 * count + 2] = last + 1;
                        count++;
                    }
                }
            }
            return new Runs(vertical, triples, count);
        }

        /** Whether all places from {@code first} to {@code last} along line {@code b} are paper. */
        private static boolean paperFrom(float[] levels, int width, boolean vertical, int b, int first, int last) {
            for (int a = Math.max(0, first); a <= last; a++) {
                if (levels[index(a, b, width, vertical)] > 0) {
                    return false;
                }
            }
            return true;
        }

        int across(int run) {
            return triples[3 * run];
        }

        int from(int run) {
            return triples[3 * run + 1];
        }

        int to(int run) {
            return triples[3 * run + 2];
        }
    }

    private static int index(int a, int b, int width, boolean vertical) {
        return vertical ? a * width + b : b * width + a;
    }

    /** The pixels of one group of long runs: per position along it, the first and last across. */
    private static final class Candidate {
        private final int[] first;
        private final int[] last;

        Candidate(int along) {
            first = new int[along];
            last = new int[along];
            Arrays.fill(first, Integer.MAX_VALUE);
            Arrays.fill(last, -1);
        }

        /** The run at {@code b} across, from {@code from} to {@code to} (exclusive) along. */
        void add(int b, int from, int to) {
            for (int a = from; a < to; a++) {
                first[a] = Math.min(first[a], b);
                last[a] = Math.max(last[a], b);
            }
        }

        /**
         * The straight line through the candidate: its thickness is the median thickness of
         * the ink across it (a crossing stroke makes a few places thick, not the median), its
         * centre a least-squares fit through the places no thicker than that.
         */
        Line line(float[] levels, int width, int along, int across, boolean vertical) {
            int from = 0;
            while (from < along && last[from] < 0) {
                from++;
            }
            int to = along - 1;
            while (to > from && last[to] < 0) {
                to--;
            }
            // Thickness is counted on the ink's core, at least half as strong as the strongest
            // pixel there: JPEG's ripples and the anti-aliased edges would widen a thin line.
            int[] inkThickness = new int[to - from + 1];
            int count = 0;
            for (int a = from; a <= to; a++) {
                if (last[a] < 0) {
                    inkThickness[a - from] = -1;
                    continue;
                }
                float peak = 0;
                for (int b = first[a]; b <= last[a]; b++) {
                    peak = Math.max(peak, levels[index(a, b, width, vertical)]);
                }
                float core = peak / 2;
                int top = first[a];
                while (top > 0 && levels[index(a, top - 1, width, vertical)] >= core) {
                    top--;
                }
                int bottom = last[a];
                while (bottom < across - 1 && levels[index(a, bottom + 1, width, vertical)] >= core) {
                    bottom++;
                }
                int thick = 0;
                for (int b = top; b <= bottom; b++) {
                    thick += levels[index(a, b, width, vertical)] >= core ? 1 : 0;
                }
                inkThickness[a - from] = thick;
                count++;
            }
            int[] sorted = new int[count];
            for (int i = 0, k = 0; i < inkThickness.length; i++) {
                if (inkThickness[i] >= 0) {
                    sorted[k++] = inkThickness[i];
                }
            }
            Arrays.sort(sorted);
            int thickness = sorted[count / 2];
            double n = 0;
            double sumA = 0;
            double sumC = 0;
            double sumAA = 0;
            double sumAC = 0;
            float strength = 0;
            for (int a = from; a <= to; a++) {
                int thick = inkThickness[a - from];
                if (thick < 0 || thick > thickness + 2) {
                    continue;
                }
                double centre = (first[a] + last[a]) / 2.0;
                n++;
                sumA += a;
                sumC += centre;
                sumAA += (double) a * a;
                sumAC += a * centre;
                for (int b = first[a]; b <= last[a]; b++) {
                    strength = Math.max(strength, levels[index(a, b, width, vertical)]);
                }
            }
            if (n < 2) {
                return null;
            }
            double slope = (n * sumAC - sumA * sumC) / Math.max(1e-9, n * sumAA - sumA * sumA);
            double intercept = (sumC - slope * sumA) / n;
            return new Line(vertical, from, to, intercept, slope, thickness, strength, along);
        }
    }

    /**
     * A straight printed line from {@code from} to {@code to} along its axis, its centre
     * across at {@code intercept + slope * a}, {@code thickness} pixels thick; {@code span}
     * is the page's length along the axis.
     */
    record Line(boolean vertical, int from, int to, double intercept, double slope, int thickness,
            float strength, int span) {
        int length() {
            return to - from + 1;
        }

        double centre(int a) {
            return intercept + slope * a;
        }

        boolean isStraight() {
            return Math.abs(slope) < 0.1;
        }

        /** The line's core at {@code a}, with a pixel either side for its anti-aliased edges: {low, high} across. */
        private int[] band(int a, int across) {
            double half = thickness / 2.0;
            return new int[] {(int) Math.max(0, Math.round(centre(a) - half) - 1),
                (int) Math.min(across - 1, Math.round(centre(a) + half))};
        }

        /** Sets the line's band in {@code levels} to 0. */
        void clear(float[] levels, int width, int height) {
            int across = vertical ? width : height;
            for (int a = from; a <= to; a++) {
                int[] band = band(a, across);
                for (int b = band[0]; b <= band[1]; b++) {
                    levels[index(a, b, width, vertical)] = 0;
                }
            }
        }

        /**
         * Erases the line from {@code levels}, but where {@code pen} (the ink off all lines)
         * crosses it, reading the page as it was from {@code original}.
         */
        void erase(float[] original, float[] pen, float[] levels, int width, int height) {
            int across = vertical ? width : height;
            for (int a = from; a <= to; a++) {
                int[] band = band(a, across);
                int low = band[0];
                int high = band[1];
                // A stroke ends in weak, anti-aliased pixels too: they are the pen's where a stroke
                // lies a little further out.
                boolean penBefore = penWithin(pen, a, low - 1 - 2 * RIPPLE_REACH, low - 1, width, across);
                boolean penAfter = penWithin(pen, a, high + 1, high + 1 + 2 * RIPPLE_REACH, width, across);
                if (penBefore && penAfter) {
                    continue; // the pen crosses the line here
                }
                // The line, and its ripples on a side where no stroke touches it.
                int first = penBefore ? low : Math.max(0, low - RIPPLE_REACH);
                int last = penAfter ? high : Math.min(across - 1, high + RIPPLE_REACH);
                for (int b = first; b <= last; b++) {
                    int i = index(a, b, width, vertical);
                    if ((b >= low && b <= high) || original[i] < RIPPLE_SHARE * strength) {
                        levels[i] = 0;
                    }
                }
            }
        }

        private boolean penWithin(float[] pen, int a, int fromB, int toB, int width, int across) {
            for (int b = fromB; b <= toB; b++) {
                if (penAt(pen, a, b, width, across)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether there is ink at (a, b) stronger than the line's ripples: a stroke. */
        private boolean penAt(float[] pen, int a, int b, int width, int across) {
            return b >= 0 && b < across && pen[index(a, b, width, vertical)] >= RIPPLE_SHARE * strength;
        }
    }
}
