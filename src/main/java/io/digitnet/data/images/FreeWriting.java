package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The digits written free in a field, read from its groups of ink (left to right) by
 * segmentation by recognition: every way of reading the groups as digits, each digit a
 * whole group, a part of a group cut at one of its emptiest columns (digits that touch),
 * or a run of neighbouring groups of which all but one are fragments (a stroke a faint pen
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
     * No cut leaves a digit narrower than this (of the digit height), the width of a thin 1.
     * A whole group may be narrower (a 1 in a fine pen): so every group is a digit in some reading.
     */
    private static final double NARROWEST = 0.15;
    /** The cut columns tried in one group: its emptiest columns, at most this many. */
    private static final int CUTS_TRIED = 16;
    /** A group less tall than this share of the digit height is a fragment: a bar, half a loop, a broken stroke. */
    private static final double FRAGMENT = 0.6;
    /** Groups joined into one digit lie at most this far apart (of the digit height). */
    private static final double NEAR = 0.1;
    /** A digit is joined from at most this many groups. */
    private static final int MOST_JOINED = 3;

    private final InkMap field;
    private final Components components;
    private final List<InkGroup> groups;
    private final double height;
    private final FieldSplitter.Judge judge;
    private final Map<List<Integer>, Double> scores = new HashMap<>();

    /** {@code groups} left to right; {@code height} the field's digit height. */
    FreeWriting(InkMap field, Components components, List<InkGroup> groups, double height, FieldSplitter.Judge judge) {
        this.field = field;
        this.components = components;
        this.groups = groups;
        this.height = height;
        this.judge = judge;
    }

    /** A place a digit may start or end: group {@code group}'s start, or a cut at column x inside it. */
    private record Node(int group, int x, boolean cut) {}

    /** The digits, left to right, each with the column its ink starts at. */
    List<Placed> digits() throws UnreadableImageException {
        List<Node> nodes = new ArrayList<>();
        double widthToCut = judge.knowsWholeDigits() ? WIDTH_TO_CUT_CHECKED : WIDTH_TO_CUT;
        for (int g = 0; g < groups.size(); g++) {
            InkGroup group = groups.get(g);
            nodes.add(new Node(g, group.box.left(), false));
            if (group.width() >= widthToCut * height) {
                for (int x : cutColumns(group)) {
                    nodes.add(new Node(g, x, true));
                }
            }
        }
        nodes.add(new Node(groups.size(), Integer.MAX_VALUE, false)); // the end of the last group
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
            digits.add(0, new Placed(nodes.get(via[j]).x(), ink(nodes.get(via[j]), nodes.get(j))));
        }
        return digits;
    }

    /** The log score of one digit from node a to node b, or minus infinity where no digit can be. */
    private double score(Node a, Node b) throws UnreadableImageException {
        boolean inOneGroup = b.group() == a.group() || (b.group() == a.group() + 1 && !b.cut());
        boolean joined = !a.cut() && !b.cut() && b.group() > a.group() + 1 && joinable(a.group(), b.group());
        if (!inOneGroup && !joined) {
            return Double.NEGATIVE_INFINITY;
        }
        List<Integer> key = List.of(a.group(), a.x(), b.group(), b.x());
        Double known = scores.get(key);
        if (known != null) {
            return known;
        }
        double score;
        InkMap digit = ink(a, b);
        double width = inOneGroup ? digit.width() : span(a.group(), b.group());
        if ((a.cut() || b.cut()) && width < NARROWEST * height || isBlank(digit)) {
            score = Double.NEGATIVE_INFINITY;
        } else {
            score = Math.log(judge.confidence(ScanNormaliser.digit(digit))) + Math.log(DigitWidths.usual(width / height))
                    + (b.cut() ? Math.log(TOUCH) : 0);
        }
        scores.put(key, score);
        return score;
    }

    /** Whether groups from up to (not including) {@code to} may be one digit: near each other, all but one fragments. */
    private boolean joinable(int from, int to) {
        if (to - from > MOST_JOINED) {
            return false;
        }
        int whole = 0;
        for (int g = from; g < to; g++) {
            InkGroup group = groups.get(g);
            whole += group.height() >= FRAGMENT * height ? 1 : 0;
            if (g > from && group.box.left() - groups.get(g - 1).box.right() > NEAR * height) {
                return false;
            }
        }
        return whole <= 1;
    }

    /** The width of groups from up to (not including) {@code to}, edge to edge. */
    private int span(int from, int to) {
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (int g = from; g < to; g++) {
            left = Math.min(left, groups.get(g).box.left());
            right = Math.max(right, groups.get(g).box.right());
        }
        return right - left + 1;
    }

    /** The ink of the digit from node a to node b: part of one group, or whole groups joined. */
    private InkMap ink(Node a, Node b) {
        InkGroup first = groups.get(a.group());
        if (b.group() == a.group()) {
            return first.ink(field, components, a.x(), b.x());
        }
        if (b.group() == a.group() + 1) {
            return first.ink(field, components, a.x(), first.box.right() + 1);
        }
        InkGroup joined = new InkGroup(components, first.members);
        for (int g = a.group() + 1; g < b.group(); g++) {
            joined.with(groups.get(g), components);
        }
        return joined.ink(field, components);
    }

    /** The emptiest columns inside the group where a cut leaves room for a digit on each side, left to right. */
    private int[] cutColumns(InkGroup group) {
        int left = group.box.left();
        int right = group.box.right() + 1;
        int margin = (int) Math.ceil(NARROWEST * height);
        double[] ink = new double[right - left];
        boolean[] member = group.membership(components);
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

    private static boolean isBlank(InkMap piece) {
        for (float level : piece.levels()) {
            if (level > 0) {
                return false;
            }
        }
        return true;
    }
}
