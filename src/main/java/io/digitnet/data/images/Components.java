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

    static Components of(float[] levels, int width, int height) {
        int[] label = new int[levels.length];
        java.util.Arrays.fill(label, -1);
        java.util.List<Double> masses = new java.util.ArrayList<>();
        java.util.List<Integer> areas = new java.util.ArrayList<>();
        java.util.List<Box> boxes = new java.util.ArrayList<>();
        int[] stack = new int[levels.length];
        for (int start = 0; start < levels.length; start++) {
            if (levels[start] <= 0 || label[start] >= 0) {
                continue;
            }
            int component = masses.size();
            double mass = 0;
            int area = 0;
            int left = width;
            int top = height;
            int right = -1;
            int bottom = -1;
            int size = 0;
            stack[size++] = start;
            label[start] = component;
            while (size > 0) {
                int pixel = stack[--size];
                int y = pixel / width;
                int x = pixel - y * width;
                mass += levels[pixel];
                area++;
                left = Math.min(left, x);
                right = Math.max(right, x);
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
                // The 8 neighbours row by row, left to right: the order fixes the order of the
                // masses' sums, so it stays that of a loop over the 3x3 block.
                boolean west = x > 0;
                boolean east = x < width - 1;
                if (y > 0) {
                    size = west ? visit(pixel - width - 1, component, levels, label, stack, size) : size;
                    size = visit(pixel - width, component, levels, label, stack, size);
                    size = east ? visit(pixel - width + 1, component, levels, label, stack, size) : size;
                }
                size = west ? visit(pixel - 1, component, levels, label, stack, size) : size;
                size = east ? visit(pixel + 1, component, levels, label, stack, size) : size;
                if (y < height - 1) {
                    size = west ? visit(pixel + width - 1, component, levels, label, stack, size) : size;
                    size = visit(pixel + width, component, levels, label, stack, size);
                    size = east ? visit(pixel + width + 1, component, levels, label, stack, size) : size;
                }
            }
            masses.add(mass);
            areas.add(area);
            boxes.add(new Box(left, top, right, bottom));
        }
        return new Components(label, masses.stream().mapToDouble(Double::doubleValue).toArray(),
                areas.stream().mapToInt(Integer::intValue).toArray(), boxes.toArray(Box[]::new));
    }

    /** Labels an unlabelled ink pixel {@code component} and pushes it; returns the stack's new size. */
    private static int visit(int pixel, int component, float[] levels, int[] label, int[] stack, int size) {
        if (levels[pixel] > 0 && label[pixel] < 0) {
            label[pixel] = component;
            stack[size++] = pixel;
        }
        return size;
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
