package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The digits written free in a field, read from its groups of ink (left to right) by
 * segmentation by recognition: every way of reading the groups as digits, each digit a
 * whole group, a part of a group between {@link CutPaths} (digits that touch), or a run of
 * neighbouring groups or parts of which all but one are fragments (a stroke a faint pen
 * broke), is scored by the network's confidence in each digit times how usual its width is,
 * and the best reading of the whole field is kept (a dynamic programme over the cuts).
 */
final class FreeWriting {
    /**
     * A group narrower than this (of the digit height) is never cut: it holds one digit at
     * most. MNIST's digits are at most as wide as the usual digit is high; cutting narrower
     * pieces on the network's word split more single digits than it found touching ones.
     */
    private static final double WIDTH_TO_CUT = 1.0;
    /**
     * With a judge that knows whole digits, groups this wide are cut too: a 1 and the digit it
     * touches are often narrower than a digit is high (free fields' count: 95.75 % of 400
     * against 94.25 % at 1.0 with the check; 92.50 % without it).
     */
    private static final double WIDTH_TO_CUT_CHECKED = 0.6;
    /**
     * How likely a digit is to touch the one before: a cut must gain more than this factor
     * loses (0.2 and 1 read 86.5% and 90.5% of 400 free fields' counts right, 0.5 91%).
     */
    private static final double TOUCH = 0.5;
    /**
     * No cut leaves a digit narrower than this (of the digit height), the width of a thin 1
     * (0.15 miscounted 54 of 1,500 free fields, 0.1 52). A whole group may be narrower (a 1 in
     * a fine pen): so every group is a digit in some reading.
     */
    private static final double NARROWEST = 0.1;
    /** The cuts tried in one group: its emptiest, at most this many. */
    private static final int CUTS_TRIED = 16;
    /**
     * A group less tall than this share of the digit height is a fragment: a bar, half a loop,
     * a broken stroke (0.6 miscounted 36 of 1,200 free fields, 0.8 32: a faint pen breaks tall pieces too).
     */
    private static final double FRAGMENT = 0.8;
    /** Groups joined into one digit lie at most this far apart (of the digit height; 0.1 miscounted 32 of 1,200, 0.2 30). */
    private static final double NEAR = 0.2;
    /** A digit is joined from at most this many groups. */
    private static final int MOST_JOINED = 3;

    private final InkMap field;
    private final Components components;
    private final List<InkGroup> groups;
    private final double height;
    private final FieldSplitter.Judge judge;

    /** {@code groups} left to right; {@code height} the field's digit height. */
    FreeWriting(InkMap field, Components components, List<InkGroup> groups, double height, FieldSplitter.Judge judge) {
        this.field = field;
        this.components = components;
        this.groups = groups;
        this.height = height;
        this.judge = judge;
    }

    /** A place a digit may start or end: group {@code group}'s start, or a cut inside it. */
    private record Node(int group, CutPaths.Cut at, boolean cut) {}

    /** The digits, left to right, each with the column its ink starts at. */
    List<Placed> digits() throws UnreadableImageException {
        List<Node> nodes = new ArrayList<>();
        double widthToCut = judge.knowsWholeDigits() ? WIDTH_TO_CUT_CHECKED : WIDTH_TO_CUT;
        for (int g = 0; g < groups.size(); g++) {
            InkGroup group = groups.get(g);
            nodes.add(new Node(g, CutPaths.Cut.straight(group.height(), group.box.left()), false));
            if (group.width() >= widthToCut * height) {
                int margin = (int) Math.ceil(NARROWEST * height);
                for (CutPaths.Cut cut : CutPaths.of(group, field, components, margin, CUTS_TRIED)) {
                    nodes.add(new Node(g, cut, true));
                }
            }
        }
        nodes.add(new Node(groups.size(), null, false)); // the end of the last group
        // best[i]: the best log score of reading everything before node i; via[i]: the node its last digit starts at.
        int n = nodes.size();
        double[] best = new double[n];
        int[] via = new int[n];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        for (int i = 0; i < n - 1; i++) {
            if (best[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                double score = score(nodes.get(i), nodes.get(j));
                if (best[i] + score > best[j]) {
                    best[j] = best[i] + score;
                    via[j] = i;
                }
            }
        }
        List<Placed> digits = new ArrayList<>();
        for (int j = n - 1; j > 0; j = via[j]) {
            digits.add(0, new Placed(nodes.get(via[j]).at().middle(), ink(nodes.get(via[j]), nodes.get(j))));
        }
        return digits;
    }

    /** The log score of one digit from node a to node b, or minus infinity where no digit can be. */
    private double score(Node a, Node b) throws UnreadableImageException {
        if (!oneDigit(a, b)) {
            return Double.NEGATIVE_INFINITY;
        }
        InkMap digit = ink(a, b);
        int width = inkWidth(digit);
        if ((a.cut() || b.cut()) && width < NARROWEST * height || width == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(judge.confidence(ScanNormaliser.digit(digit))) + Math.log(DigitWidths.usual(width / height))
                + (b.cut() ? Math.log(TOUCH) : 0);
    }

    /** The last group holding ink of the digit that ends at node b. */
    private static int lastGroup(Node b) {
        return b.cut() ? b.group() : b.group() - 1;
    }

    /**
     * Whether the ink from node a to node b may be one digit: all in one group, or groups near
     * each other of which all but one are fragments (a part a cut leaves counts as whole: it is
     * what a digit that touches another leaves).
     */
    private boolean oneDigit(Node a, Node b) {
        int last = lastGroup(b);
        if (last == a.group()) {
            return true;
        }
        if (last - a.group() >= MOST_JOINED) {
            return false;
        }
        int whole = 0;
        for (int g = a.group(); g <= last; g++) {
            boolean cutPart = g == a.group() && a.cut() || g == last && b.cut();
            whole += cutPart || groups.get(g).height() >= FRAGMENT * height ? 1 : 0;
            if (g > a.group() && groups.get(g).box.left() - groups.get(g - 1).box.right() > NEAR * height) {
                return false;
            }
        }
        return whole <= 1;
    }

    /** Where a group's part in a digit lies: per row of the group's box, its first column and the one past its last. */
    private record Part(int[] from, int[] to) {}

    /** The part of group g in the digit from node a to node b: from a's cut or the group's start, to b's cut or its end. */
    private Part part(int g, Node a, Node b) {
        InkGroup group = groups.get(g);
        int[] from = g == a.group() ? a.at().columns() : CutPaths.Cut.straight(group.height(), group.box.left()).columns();
        int[] to = g == lastGroup(b) && b.cut() ? b.at().columns()
                : CutPaths.Cut.straight(group.height(), group.box.right() + 1).columns();
        return new Part(from, to);
    }

    /** The ink of the digit from node a to node b: a part of one group, or groups (whole or cut) joined. */
    private InkMap ink(Node a, Node b) {
        List<Part> parts = new ArrayList<>();
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int top = Integer.MAX_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (int g = a.group(); g <= lastGroup(b); g++) {
            Part part = part(g, a, b);
            parts.add(part);
            left = Math.min(left, Arrays.stream(part.from()).min().orElseThrow());
            right = Math.max(right, Arrays.stream(part.to()).max().orElseThrow());
            top = Math.min(top, groups.get(g).box.top());
            bottom = Math.max(bottom, groups.get(g).box.bottom());
        }
        int width = Math.max(1, right - left);
        float[] levels = new float[width * (bottom - top + 1)];
        for (int k = 0; k < parts.size(); k++) {
            groups.get(a.group() + k).paint(field, components, parts.get(k).from(), parts.get(k).to(), levels, left, top, width);
        }
        return new InkMap(levels, width, bottom - top + 1);
    }

    /** How many columns lie between the piece's first and last inked column, both included; 0 for none. */
    private static int inkWidth(InkMap piece) {
        int first = piece.width();
        int last = -1;
        for (int i = 0; i < piece.levels().length; i++) {
            if (piece.levels()[i] > 0) {
                int x = i % piece.width();
                first = Math.min(first, x);
                last = Math.max(last, x);
            }
        }
        return last < first ? 0 : last - first + 1;
    }
}
