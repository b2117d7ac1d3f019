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
                int x = pixel % width;
                int y = pixel / width;
                mass += levels[pixel];
                area++;
                left = Math.min(left, x);
                right = Math.max(right, x);
                top = Math.min(top, y);
                bottom = Math.max(bottom, y);
                for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                        int next = ny * width + nx;
                        if (levels[next] > 0 && label[next] < 0) {
                            label[next] = component;
                            stack[size++] = next;
                        }
                    }
                }
            }
            masses.add(mass);
            areas.add(area);
            boxes.add(new Box(left, top, right, bottom));
        }
        return new Components(label, masses.stream().mapToDouble(Double::doubleValue).toArray(),
                areas.stream().mapToInt(Integer::intValue).toArray(), boxes.toArray(Box[]::new));
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
