package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A field of several handwritten digits (an amount, a date, an account number) split into
 * its digits' ink, left to right, each ready for {@link ScanNormaliser#digit}.
 *
 * <p>The ink's connected components (8 neighbours) are its pieces. Those far smaller than a
 * digit are specks (dust, noise) unless they lie inside a digit's box, where they are a bit
 * of it (a stroke broken by a faint pen). Pieces that overlap strongly in x are one digit
 * (the bar of a 5 apart from its body). A piece can hold several digits that touch: it is
 * cut at columns of little ink into as many digits as make the best reading, judged by the
 * pieces' widths against the digit height and by the network's confidence in each piece
 * (the {@link Judge} the caller passes, so that no network is needed here).
 *
 * <p>In a printed comb ({@link Comb}) each box holds one digit: all the pieces in a box are
 * that digit, however a faint pen broke them, and its specks are dropped as a single scan's are.
 *
 * <p>Stateless: static methods only, safe in any number of Spark tasks at once.
 */
public final class FieldSplitter {
    /**
     * Digits stand at least this share of the field's height, and this many pixels: ink
     * that does not is dust or a mark, not writing.
     */
    private static final double LOWEST_DIGIT = 0.15;
    private static final int LOWEST_DIGIT_PIXELS = 6;
    /** Ink in a comb's box is a digit if it stands at least this share of the digit height: less is dust or a dash. */
    private static final double BOXED_DIGIT = 0.3;
    /** A piece smaller than this share of the digit height squared is a speck, or a bit of a digit: a digit's ink covers 15-40 %. */
    private static final double SPECK_AREA = 0.012;
    /** Pieces whose x ranges overlap by this share of the narrower one are parts of one digit. */
    private static final double SAME_COLUMN = 0.5;
    /** Pieces whose heights overlap by this share of the shorter one each stand as high as a digit. */
    private static final double SIDE_BY_SIDE = 0.6;
    /**
     * A piece narrower than this (of the digit height) is never cut: it holds one digit at
     * most. MNIST's digits are at most as wide as the usual digit is high; cutting narrower
     * pieces on the network's word split more single digits than it found touching ones.
     */
    private static final double WIDTH_TO_CUT = 1.0;
    /**
     * How likely a digit is to touch the one before: a cut must gain more than this factor
     * loses (0.2 and 1 read 86.5% and 90.5% of 400 free fields' counts right, 0.5 91%).
     */
    private static final double TOUCH = 0.5;
    /** No cut leaves a digit narrower than this (of the digit height), the width of a thin 1. */
    private static final double NARROWEST = 0.15;
    /** A piece is read as at most this many touching digits. */
    private static final int MOST_TOUCHING = 4;
    /** The cut columns tried in one piece: its emptiest columns, at most this many. */
    private static final int CUTS_TRIED = 16;

    /** How sure the network is that 28x28 MNIST bytes show one digit, 0 to 1: its winning output. */
    @FunctionalInterface
    public interface Judge {
        double confidence(byte[] mnistPixels);
    }

    private FieldSplitter() {}

    /**
     * The digits of a field's PNG or JPEG file, left to right, each as 784 MNIST bytes. Fails
     * with the file's reason (not an image, too large...) or the field's (no ink, no digit-like ink).
     */
    public static List<byte[]> digits(byte[] file, Judge judge) throws UnreadableImageException {
        java.awt.image.BufferedImage image = ImageDecoder.decode(file);
        InkMap.Page page;
        try {
            page = InkMap.page(image);
        } catch (UnreadableImageException e) {
            throw "image has no ink".equals(e.getMessage()) ? new UnreadableImageException("field has no ink") : e;
        }
        List<byte[]> digits = new ArrayList<>();
        for (InkMap digit : split(page.ink(), page.print(), judge)) {
            digits.add(ScanNormaliser.digit(digit));
        }
        return digits;
    }

    /**
     * The digits of {@code field}, left to right, each an ink map of its own cropped to its
     * box. Fails with "field has no ink" or "field has no digit-like ink" (only specks).
     */
    public static List<InkMap> split(InkMap field, Judge judge) throws UnreadableImageException {
        return split(field, List.of(), judge);
    }

    /**
     * As {@link #split(InkMap, Judge)}, knowing the printed lines removed from the field: the
     * boxes of a comb among them hold one digit each. What is left of the comb's teeth in
     * {@code field} is cleared.
     */
    static List<InkMap> split(InkMap field, List<PrintedLines.Line> print, Judge judge)
            throws UnreadableImageException {
        Comb comb = Comb.of(print);
        comb.clearTeeth(field);
        Components components = Components.of(field.levels(), field.width(), field.height());
        if (components.count() == 0) {
            throw new UnreadableImageException("field has no ink");
        }
        double height = digitHeight(components);
        if (height < Math.max(LOWEST_DIGIT_PIXELS, LOWEST_DIGIT * field.height())) {
            throw new UnreadableImageException("field has no digit-like ink");
        }
        // Pieces in a box of the comb are its one digit; the others are written free.
        List<List<Integer>> inBox = new ArrayList<>();
        for (int b = 0; b < comb.boxes(); b++) {
            inBox.add(new ArrayList<>());
        }
        List<Integer> free = new ArrayList<>();
        for (int c = 0; c < components.count(); c++) {
            Components.Box box = components.box(c);
            int b = comb.boxAt((box.left() + box.right()) / 2.0);
            (b < 0 ? free : inBox.get(b)).add(c);
        }
        List<Placed> digits = new ArrayList<>();
        for (List<Integer> members : inBox) {
            boxed(field, components, members, height).ifPresent(digits::add);
        }
        for (Group group : groups(components, free, height)) {
            for (InkMap digit : new Cutter(field, components, group, height, judge).digits()) {
                digits.add(new Placed(group.box.left(), digit));
            }
        }
        if (digits.isEmpty()) {
            throw new UnreadableImageException("field has no digit-like ink");
        }
        digits.sort(Comparator.comparingInt(Placed::left)); // stable: a group's cut digits keep their order
        return digits.stream().map(Placed::ink).toList();
    }

    /**
     * The digit of one box of a comb, from the pieces in it: its specks dropped as a single
     * digit's are, none if what is left is too short to be a digit (an empty box, dust).
     */
    private static Optional<Placed> boxed(InkMap field, Components components, List<Integer> members, double height) {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Group group = new Group(components, members);
        InkMap digit = group.ink(field, components, group.box.left(), group.box.right() + 1);
        Specks.remove(digit.levels(), digit.width(), digit.height());
        return inkRows(digit) >= Math.max(LOWEST_DIGIT_PIXELS, BOXED_DIGIT * height)
                ? Optional.of(new Placed(group.box.left(), digit)) : Optional.empty();
    }

    /** A digit's ink and where its piece of the field starts. */
    private record Placed(int left, InkMap ink) {}

    /** How many rows hold ink. */
    private static int inkRows(InkMap ink) {
        int rows = 0;
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                if (ink.levels()[y * ink.width() + x] > 0) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    /**
     * The height of the field's digits: the median height of its heavy pieces (at least a
     * fifth of the heaviest one's ink), which broken strokes and specks cannot be.
     */
    static double digitHeight(Components components) {
        double heaviest = components.mass(components.heaviest());
        List<Integer> heights = new ArrayList<>();
        for (int c = 0; c < components.count(); c++) {
            if (components.mass(c) >= 0.2 * heaviest) {
                Components.Box box = components.box(c);
                heights.add(box.bottom() - box.top() + 1);
            }
        }
        heights.sort(null);
        return heights.get(heights.size() / 2);
    }

    /** The pieces written free gathered into digits (or runs of touching digits), left to right; specks left out. */
    private static List<Group> groups(Components components, List<Integer> free, double height) {
        List<Group> groups = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        for (int c : free) {
            if (components.area(c) < SPECK_AREA * height * height) {
                small.add(c);
            } else {
                groups.add(new Group(components, List.of(c)));
            }
        }
        groups.sort(Comparator.comparingInt(g -> g.box.left()));
        for (int g = 0; g + 1 < groups.size(); ) {
            if (oneDigit(groups.get(g).box, groups.get(g + 1).box)) {
                groups.set(g, groups.get(g).with(groups.remove(g + 1), components));
                g = Math.max(0, g - 1); // the grown digit may now reach the one before
            } else {
                g++;
            }
        }
        for (int c : small) {
            for (Group group : groups) {
                if (group.box.overlaps(components.box(c))) {
                    group.add(c, components);
                    break;
                }
            }
        }
        return groups;
    }

    /** Whether two pieces, a left of b, are parts of one digit: stacked in one column, not standing side by side. */
    private static boolean oneDigit(Components.Box a, Components.Box b) {
        int overlapX = Math.min(a.right(), b.right()) - Math.max(a.left(), b.left()) + 1;
        int narrower = Math.min(a.right() - a.left(), b.right() - b.left()) + 1;
        int overlapY = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top()) + 1;
        int shorter = Math.min(a.bottom() - a.top(), b.bottom() - b.top()) + 1;
        return overlapX >= SAME_COLUMN * narrower && overlapY < SIDE_BY_SIDE * shorter;
    }

    /** Pieces of ink that make one digit, or several touching ones, and their box. */
    private static final class Group {
        final List<Integer> members = new ArrayList<>();
        Components.Box box;

        Group(Components components, List<Integer> pieces) {
            box = components.box(pieces.get(0));
            pieces.forEach(c -> add(c, components));
        }

        Group with(Group other, Components components) {
            other.members.forEach(c -> add(c, components));
            return this;
        }

        void add(int component, Components components) {
            members.add(component);
            box = box.with(components.box(component));
        }

        /** The group's ink between two columns (from included, to not), cropped to its box's rows. */
        InkMap ink(InkMap field, Components components, int from, int to) {
            boolean[] member = new boolean[components.count()];
            members.forEach(c -> member[c] = true);
            int top = box.top();
            int rows = box.bottom() - top + 1;
            int columns = to - from;
            float[] levels = new float[columns * rows];
            int[] label = components.label();
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int i = (top + y) * field.width() + from + x;
                    if (label[i] >= 0 && member[label[i]]) {
                        levels[y * columns + x] = field.levels()[i];
                    }
                }
            }
            return new InkMap(levels, columns, rows);
        }
    }

    /**
     * One group's ink read as 1 to {@link #MOST_TOUCHING} digits: each way of cutting it at
     * its emptiest columns is scored by the network's confidence in every piece times how
     * usual the piece's width is for a digit, and the best is kept.
     */
    private static final class Cutter {
        private final InkMap field;
        private final Components components;
        private final Group group;
        private final double height;
        private final Judge judge;
        private final boolean[] member;
        private final Map<Long, Double> scores = new HashMap<>();

        Cutter(InkMap field, Components components, Group group, double height, Judge judge) {
            this.field = field;
            this.components = components;
            this.group = group;
            this.height = height;
            this.judge = judge;
            this.member = new boolean[components.count()];
            group.members.forEach(c -> member[c] = true);
        }

        List<InkMap> digits() throws UnreadableImageException {
            int left = group.box.left();
            int right = group.box.right() + 1;
            if (right - left < WIDTH_TO_CUT * height) {
                return List.of(piece(left, right));
            }
            int[] cuts = cutColumns(left, right);
            // columns[i]: left, the cuts, right; best[k][i]: the best log score of reading
            // columns[0..i) as k digits, via[k][i] the column its last digit starts at.
            int[] columns = new int[cuts.length + 2];
            columns[0] = left;
            System.arraycopy(cuts, 0, columns, 1, cuts.length);
            columns[columns.length - 1] = right;
            int n = columns.length;
            int most = Math.min(MOST_TOUCHING, n - 1);
            double[][] best = new double[most + 1][n];
            int[][] via = new int[most + 1][n];
            for (double[] row : best) {
                Arrays.fill(row, Double.NEGATIVE_INFINITY);
            }
            best[0][0] = 0;
            for (int k = 1; k <= most; k++) {
                for (int i = 1; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        if (best[k - 1][j] == Double.NEGATIVE_INFINITY
                                || columns[i] - columns[j] < NARROWEST * height) {
                            continue;
                        }
                        double score = best[k - 1][j] + score(columns[j], columns[i]) + (k > 1 ? Math.log(TOUCH) : 0);
                        if (score > best[k][i]) {
                            best[k][i] = score;
                            via[k][i] = j;
                        }
                    }
                }
            }
            int chosen = 1;
            for (int k = 2; k <= most; k++) {
                if (best[k][n - 1] > best[chosen][n - 1]) {
                    chosen = k;
                }
            }
            List<InkMap> digits = new ArrayList<>();
            for (int k = chosen, i = n - 1; k > 0; i = via[k][i], k--) {
                digits.add(0, piece(columns[via[k][i]], columns[i]));
            }
            return digits;
        }

        /** The emptiest columns inside the group where a cut leaves room for a digit on each side, left to right. */
        private int[] cutColumns(int left, int right) {
            int margin = (int) Math.ceil(NARROWEST * height);
            double[] ink = new double[right - left];
            int[] label = components.label();
            float[] levels = field.levels();
            for (int y = group.box.top(); y <= group.box.bottom(); y++) {
                for (int x = left; x < right; x++) {
                    int i = y * field.width() + x;
                    if (label[i] >= 0 && member[label[i]]) {
                        ink[x - left] += levels[i];
                    }
                }
            }
            // Local minima, plateaus whole (the ink between two touching digits is often a
            // stretch of one stroke), the emptiest first, at least two columns apart.
            List<Integer> minima = new ArrayList<>();
            for (int x = left + margin; x <= right - margin; x++) {
                double here = ink[x - left];
                if ((x == left || ink[x - left - 1] >= here) && (x + 1 >= right || ink[x - left + 1] >= here)) {
                    minima.add(x);
                }
            }
            minima.sort(Comparator.comparingDouble(x -> ink[x - left]));
            List<Integer> cuts = new ArrayList<>();
            for (int x : minima) {
                if (cuts.size() < CUTS_TRIED && cuts.stream().allMatch(c -> Math.abs(c - x) >= 2)) {
                    cuts.add(x);
                }
            }
            return cuts.stream().mapToInt(Integer::intValue).sorted().toArray();
        }

        /** The log of (the network's confidence in the ink between two columns as one digit x how usual its width is). */
        private double score(int from, int to) throws UnreadableImageException {
            long key = (long) from << 32 | to;
            Double known = scores.get(key);
            if (known != null) {
                return known;
            }
            double score;
            InkMap piece = piece(from, to);
            if (isBlank(piece)) {
                score = Double.NEGATIVE_INFINITY;
            } else {
                score = Math.log(judge.confidence(ScanNormaliser.digit(piece))) + Math.log(DigitWidths.usual(
                        (to - from) / height));
            }
            scores.put(key, score);
            return score;
        }

        private InkMap piece(int from, int to) {
            return group.ink(field, components, from, to);
        }

        private static boolean isBlank(InkMap piece) {
            for (float level : piece.levels()) {
                if (level > 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
