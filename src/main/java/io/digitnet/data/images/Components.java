package io.digitnet.data.images;

/** The connected components of the non-zero levels: each pixel's label (-1 for paper), and each component's ink, area and box. */
record Components(int[] label, double[] masses, int[] areas, Box[] boxes) {
    /** A bounding box, edges included. */
    record Box(int left, int top, int right, int bottom) {
        Box with(Box other) {
            return new Box(Math.min(left, other.left), Math.min(top, other.top), Math.max(right, other.right),
                    Math.max(bottom, other.bottom));
        }

        boolean overlaps(Box other) {
            return other.left <= right && left <= other.right && other.top <= bottom && top <= other.bottom;
        }
    }

    /**
     * Labels the ink by its runs along rows: a run joins each run of the row above that
     * touches it (8 neighbours), and each set of joined runs is a component, numbered in
     * the order of its first pixel. A run is a few pixels' work where a pixel-by-pixel
     * flood visits each of 8 neighbours. The masses are sums of floats in doubles, exact
     * for an ink map's levels (over 8 and under 256: multiples of 2^-20, summed below 2^22),
     * so they do not depend on the order the pixels are added in either.
     */
    static Components of(float[] levels, int width, int height) {
        Runs runs = Runs.of(levels, width, height);
        int count = runs.count;
        DisjointSets sets = new DisjointSets(count);
        for (int y = 1, above = runs.firstOfRow[0]; y < height; y++) {
            int aboveEnd = runs.firstOfRow[y];
            for (int r = runs.firstOfRow[y]; r < runs.firstOfRow[y + 1]; r++) {
                while (above < aboveEnd && runs.to[above] < runs.from[r]) {
                    above++;
                }
                for (int q = above; q < aboveEnd && runs.from[q] <= runs.to[r]; q++) {
                    sets.join(q, r);
                }
            }
            above = aboveEnd;
        }
        DisjointSets.Numbered numbered = sets.numbered();
        int[] component = numbered.set();
        int components = numbered.count();
        int[] label = new int[levels.length];
        java.util.Arrays.fill(label, -1);
        double[] masses = new double[components];
        int[] areas = new int[components];
        int[][] edges = new int[components][];
        for (int r = 0; r < count; r++) {
            int c = component[r];
            int row = runs.row[r] * width;
            double mass = 0;
            for (int i = row + runs.from[r]; i < row + runs.to[r]; i++) {
                mass += levels[i];
                label[i] = c;
            }
            masses[c] += mass;
            areas[c] += runs.to[r] - runs.from[r];
            int[] edge = edges[c];
            if (edge == null) {
                edges[c] = new int[] {runs.from[r], runs.row[r], runs.to[r] - 1, runs.row[r]};
            } else {
                edge[0] = Math.min(edge[0], runs.from[r]);
                edge[2] = Math.max(edge[2], runs.to[r] - 1);
                edge[3] = runs.row[r];
            }
        }
        Box[] boxes = new Box[components];
        for (int c = 0; c < components; c++) {
            boxes[c] = new Box(edges[c][0], edges[c][1], edges[c][2], edges[c][3]);
        }
        return new Components(label, masses, areas, boxes);
    }

    /** The runs of ink along each row, row by row and left to right: {@code to} is past the last pixel. */
    private static final class Runs {
        int[] row = new int[64];
        int[] from = new int[64];
        int[] to = new int[64];
        /** Where each row's runs begin, and at [height] the count. */
        final int[] firstOfRow;
        int count;

        private Runs(int height) {
            firstOfRow = new int[height + 1];
        }

        static Runs of(float[] levels, int width, int height) {
            InkPasses ink = InkPasses.FASTEST;
            Runs runs = new Runs(height);
            for (int y = 0; y < height; y++) {
                runs.firstOfRow[y] = runs.count;
                int offset = y * width;
                for (int x = ink.nextInk(levels, offset, offset + width) - offset; x < width; ) {
                    int start = x;
                    while (x < width && levels[offset + x] > 0) {
                        x++;
                    }
                    runs.add(y, start, x);
                    x = x < width ? ink.nextInk(levels, offset + x, offset + width) - offset : width;
                }
            }
            runs.firstOfRow[height] = runs.count;
            return runs;
        }

        private void add(int y, int start, int end) {
            if (count == row.length) {
                row = java.util.Arrays.copyOf(row, 2 * count);
                from = java.util.Arrays.copyOf(from, 2 * count);
                to = java.util.Arrays.copyOf(to, 2 * count);
            }
            row[count] = y;
            from[count] = start;
            to[count] = end;
            count++;
        }
    }

    int count() {
        return masses.length;
    }

    int heaviest() {
        int heaviest = 0;
        for (int c = 1; c < masses.length; c++) {
            if (masses[c] > masses[heaviest]) {
                heaviest = c;
            }
        }
        return heaviest;
    }

    double mass(int c) {
        return masses[c];
    }

    int area(int c) {
        return areas[c];
    }

    Box box(int c) {
        return boxes[c];
    }
}
