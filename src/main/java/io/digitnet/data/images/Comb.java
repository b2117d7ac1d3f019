package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The boxes of a printed comb, told by the upright printed lines removed from a field: two
 * neighbouring teeth that stand alike, closer than {@link #WIDEST_BOX} times their height
 * ({@link #WIDEST_BOX_OF_TICKS} for the ticks of an open comb), enclose one box, which holds
 * one digit; teeth a whole number of pitches apart enclose that many. A box around a whole
 * field is wider, or alone: no comb.
 */
final class Comb {
    /** A box wider than this many times its height is a frame for digits written free, not a comb's box. */
    private static final double WIDEST_BOX = 1.6;
    /**
     * But an open comb's teeth are ticks standing on (or hanging from) one printed line, a
     * half or a third of its boxes' height: its boxes may be this many times wider than they.
     */
    private static final double WIDEST_BOX_OF_TICKS = 2.5;
    /**
     * Ink this far (of a box's width) beyond the comb's first or last tooth is the first or
     * last box's: a digit written over the comb's end, cut by the tooth cleared under it.
     */
    private static final double OVERHANG = 0.25;
    /**
     * A piece with this share of its first box's ink in a second box is digits joined by what
     * is left of a tooth (a digit over a tooth puts a tenth of its ink or so in the next box).
     */
    private static final double JOINED_SHARE = 0.3;
    /** A comb has at least this many boxes: one alone is a frame around what is written in it. */
    private static final int FEWEST_BOXES = 2;
    /** Teeth of one comb span the same rows to within this share of their height. */
    private static final double SAME_SPAN = 0.2;
    /** At most this many neighbouring teeth are taken for lost under digits. */
    private static final int MOST_LOST = 2;
    /** Teeth a whole number of pitches apart are so to within this share of a pitch. */
    private static final double PITCH_SLACK = 0.1;

    private final List<PrintedLines.Line> teeth;
    /** Per box, its left and right edge inside its teeth, left to right. */
    private final List<double[]> boxes;

    private Comb(List<PrintedLines.Line> teeth, List<double[]> boxes) {
        this.teeth = teeth;
        this.boxes = boxes;
    }

    /** The comb among a field's printed lines (none: a comb of no boxes). */
    static Comb of(List<PrintedLines.Line> print) {
        List<PrintedLines.Line> upright = new ArrayList<>(print.stream().filter(PrintedLines.Line::vertical).toList());
        upright.sort(Comparator.comparingDouble(Comb::middle));
        List<PrintedLines.Line> rows = print.stream().filter(line -> !line.vertical()).toList();
        List<PrintedLines.Line> teeth = new ArrayList<>();
        List<double[]> boxes = new ArrayList<>();
        // Runs of neighbouring teeth that enclose boxes; a run of one box is a frame, not a comb.
        List<PrintedLines.Line> run = new ArrayList<>();
        List<Integer> boxesBetween = new ArrayList<>(); // per pair of neighbours in the run
        for (PrintedLines.Line tooth : upright) {
            int between = run.isEmpty() ? 0 : boxesTo(run, boxesBetween, tooth, rows);
            if (!run.isEmpty() && between == 0) { // another comb, or none
                addComb(run, boxesBetween, teeth, boxes);
                run.clear();
                boxesBetween.clear();
            } else if (between > 0) {
                boxesBetween.add(between);
            }
            run.add(tooth);
        }
        addComb(run, boxesBetween, teeth, boxes);
        return new Comb(teeth, boxes);
    }

    /**
     * How many boxes lie between the run's last tooth and {@code tooth}: one where they
     * enclose one; more where they stand alike a whole number of the run's last pitch apart,
     * as a digit written over a tooth joins it and the two are no printed line; 0 if none.
     */
    private static int boxesTo(List<PrintedLines.Line> run, List<Integer> boxesBetween, PrintedLines.Line tooth,
            List<PrintedLines.Line> rows) {
        if (enclose(run.get(run.size() - 1), tooth, rows)) {
            return 1;
        }
        if (run.size() < 2) {
            return 0;
        }
        PrintedLines.Line last = run.get(run.size() - 1);
        double pitch = (middle(last) - middle(run.get(run.size() - 2))) / boxesBetween.get(boxesBetween.size() - 1);
        double gap = middle(tooth) - middle(last);
        long boxes = Math.round(gap / pitch);
        double tall = Math.min(last.length(), tooth.length());
        boolean alike = Math.abs(last.from() - tooth.from()) <= SAME_SPAN * tall
                && Math.abs(last.to() - tooth.to()) <= SAME_SPAN * tall;
        return alike && boxes >= 2 && boxes <= MOST_LOST + 1 && Math.abs(gap - boxes * pitch) <= PITCH_SLACK * pitch
                ? (int) boxes : 0;
    }

    /** Whether two neighbouring upright lines are teeth of one comb around a box. */
    private static boolean enclose(PrintedLines.Line left, PrintedLines.Line right, List<PrintedLines.Line> rows) {
        double tall = Math.min(left.length(), right.length());
        double widest = ticks(left, rows) && ticks(right, rows) ? WIDEST_BOX_OF_TICKS : WIDEST_BOX;
        return Math.abs(left.from() - right.from()) <= SAME_SPAN * tall
                && Math.abs(left.to() - right.to()) <= SAME_SPAN * tall
                && middle(right) - middle(left) <= widest * tall;
    }

    /** Whether an upright line meets a printed row at one end only: a tick of an open comb. */
    private static boolean ticks(PrintedLines.Line upright, List<PrintedLines.Line> rows) {
        return meets(upright, upright.from(), rows) != meets(upright, upright.to(), rows);
    }

    /** Whether a printed row passes through the upright's end at {@code end} (a row index). */
    private static boolean meets(PrintedLines.Line upright, int end, List<PrintedLines.Line> rows) {
        int x = (int) Math.round(upright.centre(end));
        for (PrintedLines.Line row : rows) {
            if (x >= row.from() - upright.thickness() - 2 && x <= row.to() + upright.thickness() + 2
                    && Math.abs(row.centre(x) - end) <= row.thickness() / 2.0 + upright.thickness() + 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * The run's teeth and boxes, if it has more than {@link #FEWEST_BOXES} teeth; where teeth
     * were lost, their boxes split the space between the teeth found evenly.
     */
    private static void addComb(List<PrintedLines.Line> run, List<Integer> boxesBetween, List<PrintedLines.Line> teeth,
            List<double[]> boxes) {
        if (run.size() <= FEWEST_BOXES) {
            return;
        }
        teeth.addAll(run);
        for (int t = 0; t + 1 < run.size(); t++) {
            PrintedLines.Line left = run.get(t);
            PrintedLines.Line right = run.get(t + 1);
            int between = boxesBetween.get(t);
            double pitch = (middle(right) - middle(left)) / between;
            for (int b = 0; b < between; b++) {
                boxes.add(new double[] {
                    b == 0 ? middle(left) + left.thickness() / 2.0 + 1 : middle(left) + b * pitch + 1,
                    b == between - 1 ? middle(right) - right.thickness() / 2.0 - 1 : middle(left) + (b + 1) * pitch - 1});
            }
        }
    }

    /** Where the line runs across the field, half way along it. */
    private static double middle(PrintedLines.Line line) {
        return line.centre((line.from() + line.to()) / 2);
    }

    int boxes() {
        return boxes.size();
    }

    /** The box that x lies in, or -1 (on a tooth, or outside the comb). */
    int boxAt(double x) {
        for (int b = 0; b < boxes.size(); b++) {
            double[] box = boxes.get(b);
            double overhang = OVERHANG * (box[1] - box[0]);
            if (x >= box[0] - (b == 0 ? overhang : 0) && x <= box[1] + (b == boxes.size() - 1 ? overhang : 0)) {
                return b;
            }
        }
        return -1;
    }

    /** What {@link #boxOf} gives a piece all of whose ink lies on the teeth: what a crossing kept of a tooth. */
    static final int ON_TOOTH = -2;

    /**
     * Per component of {@code field}, the box that holds most of its ink (a digit over a
     * tooth is its own box's), -1 outside the comb, or {@link #ON_TOOTH}.
     */
    int[] boxOf(InkMap field, Components components) {
        double[][] mass = massPerBox(field, components);
        int[] box = new int[components.count()];
        for (int c = 0; c < box.length; c++) {
            box[c] = onTooth(components.box(c)) ? ON_TOOTH : -1;
            for (int b = 0; b < boxes.size(); b++) {
                if (mass[c][b] > 0 && (box[c] < 0 || mass[c][b] > mass[c][box[c]])) {
                    box[c] = b;
                }
            }
        }
        return box;
    }

    /**
     * Whether a piece lies within a tooth's band: what a crossing kept of it. Other pieces
     * outside the boxes are written free, as between two combs.
     */
    private boolean onTooth(Components.Box extent) {
        for (PrintedLines.Line tooth : teeth) {
            double reach = tooth.thickness() / 2.0 + 2;
            if (extent.left() >= middle(tooth) - reach && extent.right() <= middle(tooth) + reach) {
                return true;
            }
        }
        return false;
    }

    /**
     * Clears the teeth under the components with much of their ink in two boxes: where two
     * boxes' digits came near a tooth on both sides, the line was kept as the pen's crossing
     * and joins them. Returns whether it cleared any.
     */
    boolean separate(InkMap field, Components components) {
        double[][] mass = massPerBox(field, components);
        boolean[] joined = new boolean[components.count()];
        boolean any = false;
        for (int c = 0; c < joined.length; c++) {
            double[] shares = mass[c].clone();
            java.util.Arrays.sort(shares);
            joined[c] = shares.length > 1 && shares[shares.length - 2] >= JOINED_SHARE * shares[shares.length - 1];
            any |= joined[c];
        }
        if (!any) {
            return false;
        }
        int[] label = components.label();
        for (PrintedLines.Line tooth : teeth) {
            for (int y = Math.max(0, tooth.from()); y <= Math.min(field.height() - 1, tooth.to()); y++) {
                double centre = tooth.centre(y);
                int from = (int) Math.max(0, Math.floor(centre - tooth.thickness() / 2.0 - 1));
                int to = (int) Math.min(field.width() - 1, Math.ceil(centre + tooth.thickness() / 2.0 + 1));
                for (int x = from; x <= to; x++) {
                    int i = y * field.width() + x;
                    if (label[i] >= 0 && joined[label[i]]) {
                        field.levels()[i] = 0;
                    }
                }
            }
        }
        return true;
    }

    /** Per component, its ink in each box. */
    private double[][] massPerBox(InkMap field, Components components) {
        int[] columnBox = new int[field.width()];
        for (int x = 0; x < columnBox.length; x++) {
            columnBox[x] = boxAt(x);
        }
        double[][] mass = new double[components.count()][boxes.size()];
        int[] label = components.label();
        float[] levels = field.levels();
        for (int y = 0, i = 0; y < field.height(); y++) {
            for (int x = 0; x < columnBox.length; x++, i++) {
                int b = columnBox[x];
                if (label[i] >= 0 && b >= 0) {
                    mass[label[i]][b] += levels[i];
                }
            }
        }
        return mass;
    }
}
