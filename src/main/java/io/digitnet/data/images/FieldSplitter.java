package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    /**
     * A piece at most this many pixels thick on average is a hairline: the faint edge of a
     * printed line left where the line was cleared, thinner than any pen stroke.
     */
    private static final double HAIRLINE = 1.5;
    /** Pieces whose x ranges overlap by this share of the narrower one are parts of one digit. */
    private static final double SAME_COLUMN = 0.5;
    /** Pieces whose heights overlap by this share of the shorter one each stand as high as a digit. */
    private static final double SIDE_BY_SIDE = 0.6;
    /** How sure the network is that 28x28 MNIST bytes show one digit, 0 to 1: its winning output. */
    @FunctionalInterface
    public interface Judge {
        double confidence(byte[] mnistPixels);

        /**
         * Whether the confidence also falls for pieces that are no whole digit (two touching,
         * a part of one), as the network's alone does not: then narrower groups are worth cutting.
         */
        default boolean knowsWholeDigits() {
            return false;
        }
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
     * boxes of a comb among them hold one digit each. What is left of a tooth between two
     * boxes' digits is cleared from {@code field}.
     */
    static List<InkMap> split(InkMap field, List<PrintedLines.Line> print, Judge judge)
            throws UnreadableImageException {
        Comb comb = Comb.of(print);
        Components components = Components.of(field.levels(), field.width(), field.height());
        if (comb.separate(field, components)) {
            components = Components.of(field.levels(), field.width(), field.height());
        }
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
        int[] boxOf = comb.boxOf(field, components);
        for (int c = 0; c < components.count(); c++) {
            if (boxOf[c] >= 0) {
                inBox.get(boxOf[c]).add(c);
            } else if (boxOf[c] != Comb.ON_TOOTH) {
                free.add(c);
            }
        }
        List<Placed> digits = new ArrayList<>();
        for (List<Integer> members : inBox) {
            boxed(field, components, members, height).ifPresent(digits::add);
        }
        List<InkGroup> written = groups(components, free, height);
        if (!written.isEmpty()) {
            digits.addAll(new FreeWriting(field, components, written, height, judge).digits());
        }
        if (digits.isEmpty()) {
            throw new UnreadableImageException("field has no digit-like ink");
        }
        digits.sort(Comparator.comparingInt(Placed::left));
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
        InkGroup group = new InkGroup(components, members);
        InkMap digit = group.ink(field, components);
        Specks.remove(digit.levels(), digit.width(), digit.height());
        return inkRows(digit) >= Math.max(LOWEST_DIGIT_PIXELS, BOXED_DIGIT * height)
                ? Optional.of(new Placed(group.box.left(), digit)) : Optional.empty();
    }

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

    /** The pieces written free gathered into digits (or runs of touching digits), left to right; specks and hairlines left out. */
    private static List<InkGroup> groups(Components components, List<Integer> free, double height) {
        List<InkGroup> groups = new ArrayList<>();
        List<Integer> small = new ArrayList<>();
        for (int c : free) {
            Components.Box box = components.box(c);
            int length = Math.max(box.right() - box.left(), box.bottom() - box.top()) + 1;
            boolean hairline = components.area(c) <= HAIRLINE * length;
            if (components.area(c) < SPECK_AREA * height * height || hairline) {
                small.add(c);
            } else {
                groups.add(new InkGroup(components, List.of(c)));
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
            for (InkGroup group : groups) {
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
}
