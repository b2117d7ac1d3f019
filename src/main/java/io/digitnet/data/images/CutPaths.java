package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where a group of touching digits may be cut: paths from the group's top row to its
 * bottom row that cross as little ink as they can, moving at most one column a row, so
 * that a cut can follow the gap between slanted or overlapping digits that no straight
 * column finds. The cheapest path through each column of the middle row is found from the
 * cheapest ways to reach it from above and from below (two passes of dynamic programming);
 * the columns where that is least, the emptiest first, are the cuts.
 */
final class CutPaths {
    /**
     * What a step sideways costs, in pixels of the group's darkest ink: a path may follow a
     * slanted gap, but not wind round a digit's strokes (0.1 miscounted 53 of 1,200 free
     * fields, 0.3 42, 0.6 39, 1.5 41).
     */
    private static final float SIDESTEP = 0.6f;

    /** A cut: per row of the group's box, the first column of the right-hand side; and where it crosses the middle row. */
    record Cut(int[] columns, int middle) {
        /** A straight cut at column x through {@code rows} rows. */
        static Cut straight(int rows, int x) {
            int[] columns = new int[rows];
            Arrays.fill(columns, x);
            return new Cut(columns, x);
        }
    }

    private CutPaths() {}

    /**
     * At most {@code most} cuts of {@code group} through its middle row at least {@code margin}
     * columns inside its box, the emptiest first and at least two columns apart, ordered left to right.
     */
    static List<Cut> of(InkGroup group, InkMap field, Components components, int margin, int most) {
        int left = group.box.left();
        int width = group.width();
        int rows = group.height();
        float[] cost = inkCost(group, field, components);
        byte[] fromAbove = new byte[width * rows];
        byte[] fromBelow = new byte[width * rows];
        float[] above = cheapest(cost, width, rows, fromAbove, 1);
        float[] below = cheapest(cost, width, rows, fromBelow, -1);
        int middle = rows / 2;
        float[] through = new float[width];
        for (int x = 0; x < width; x++) {
            int i = middle * width + x;
            through[x] = above[i] + below[i] - cost[i];
        }
        // Local minima, plateaus whole (the ink between two touching digits is often a
        // stretch of one stroke), the emptiest first, at least two columns apart.
        List<Integer> minima = new ArrayList<>();
        for (int x = margin; x < width - margin; x++) {
            if ((x == 0 || through[x - 1] >= through[x]) && (x + 1 == width || through[x + 1] >= through[x])) {
                minima.add(x);
            }
        }
        minima.sort(Comparator.comparingDouble(x -> through[x]));
        List<Integer> chosen = new ArrayList<>();
        for (int x : minima) {
            if (chosen.size() < most && chosen.stream().allMatch(c -> Math.abs(c - x) >= 2)) {
                chosen.add(x);
            }
        }
        chosen.sort(null);
        List<Cut> cuts = new ArrayList<>();
        for (int x : chosen) {
            int[] columns = new int[rows];
            columns[middle] = x;
            for (int y = middle; y > 0; y--) {
                columns[y - 1] = columns[y] + fromAbove[y * width + columns[y]];
            }
            for (int y = middle; y < rows - 1; y++) {
                columns[y + 1] = columns[y] + fromBelow[y * width + columns[y]];
            }
            for (int y = 0; y < rows; y++) {
                columns[y] += left;
            }
            cuts.add(new Cut(columns, left + x));
        }
        return cuts;
    }

    /** The group's ink in its box, as a share of its darkest pixel: the price of crossing each pixel. */
    private static float[] inkCost(InkGroup group, InkMap field, Components components) {
        boolean[] member = group.membership(components);
        int[] label = components.label();
        float[] levels = field.levels();
        int left = group.box.left();
        int top = group.box.top();
        int width = group.width();
        int rows = group.height();
        float[] cost = new float[width * rows];
        float darkest = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < width; x++) {
                int i = (top + y) * field.width() + left + x;
                if (label[i] >= 0 && member[label[i]]) {
                    cost[y * width + x] = levels[i];
                    darkest = Math.max(darkest, levels[i]);
                }
            }
        }
        for (int i = 0; i < cost.length; i++) {
            cost[i] /= darkest;
        }
        return cost;
    }

    /**
     * The cheapest path's cost to each pixel from the first row ({@code direction} 1) or the
     * last (-1), and in {@code step} the column offset of the row it came from (-1, 0, 1).
     */
    private static float[] cheapest(float[] cost, int width, int rows, byte[] step, int direction) {
        float[] total = new float[width * rows];
        int first = direction > 0 ? 0 : rows - 1;
        System.arraycopy(cost, first * width, total, first * width, width);
        for (int y = first + direction; y >= 0 && y < rows; y += direction) {
            int row = y * width;
            int previous = (y - direction) * width;
            for (int x = 0; x < width; x++) {
                float best = total[previous + x];
                byte from = 0;
                if (x > 0 && total[previous + x - 1] + SIDESTEP < best) {
                    best = total[previous + x - 1] + SIDESTEP;
                    from = -1;
                }
                if (x + 1 < width && total[previous + x + 1] + SIDESTEP < best) {
                    best = total[previous + x + 1] + SIDESTEP;
                    from = 1;
                }
                total[row + x] = best + cost[row + x];
                step[row + x] = from;
            }
        }
        return total;
    }
}
