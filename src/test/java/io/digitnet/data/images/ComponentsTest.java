package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Connected components on pictures made for them, and against a pixel-by-pixel flood. */
class ComponentsTest {
    /** Rows of characters: '#' ink of level 1 + its column, '.' paper. */
    private static float[] page(String... rows) {
        float[] levels = new float[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                levels[y * rows[0].length() + x] = rows[y].charAt(x) == '#' ? 1 + x : 0;
            }
        }
        return levels;
    }

    @Test
    void aUJoinedOnlyAtItsFootIsOneComponent() {
        Components components = Components.of(page(
                "#...#.",
                "#...#.",
                "#...#.",
                "#####."), 6, 4);
        assertEquals(1, components.count());
        assertEquals(11, components.area(0));
        assertEquals(new Components.Box(0, 0, 4, 3), components.box(0));
        assertEquals(4 * 1 + 4 * 5 + 2 + 3 + 4, components.mass(0), 0);
    }

    @Test
    void piecesTouchingAtACornerAreOneAndOthersAreNumberedByTheirFirstPixel() {
        Components components = Components.of(page(
                "...##",
                "#....",
                ".#..#",
                "..#.#"), 5, 4);
        assertEquals(3, components.count());
        assertArrayEquals(new int[] {-1, -1, -1, 0, 0, 1, -1, -1, -1, -1, -1, 1, -1, -1, 2, -1, -1, 1, -1, 2},
                components.label());
        assertEquals(new Components.Box(0, 1, 2, 3), components.box(1));
    }

    @Test
    void noisePagesGiveTheComponentsOfAPixelByPixelFlood() {
        SplittableRandom random = new SplittableRandom(5);
        for (int page = 0; page < 50; page++) {
            int width = 1 + random.nextInt(40);
            int height = 1 + random.nextInt(40);
            double share = random.nextDouble();
            float[] levels = new float[width * height];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = random.nextDouble() < share ? 1 + random.nextInt(255) : 0;
            }
            Components components = Components.of(levels, width, height);
            int[] flooded = flood(levels, width, height);
            assertArrayEquals(flooded, components.label(), "page " + page);
            for (int c = 0; c < components.count(); c++) {
                double mass = 0;
                int area = 0;
                for (int i = 0; i < levels.length; i++) {
                    mass += flooded[i] == c ? levels[i] : 0;
                    area += flooded[i] == c ? 1 : 0;
                }
                assertEquals(mass, components.mass(c), 0, "page " + page);
                assertEquals(area, components.area(c), "page " + page);
            }
        }
    }

    /** The labels of the plain flood: 8 neighbours, components numbered in the order their first pixel is met. */
    private static int[] flood(float[] levels, int width, int height) {
        int[] label = new int[levels.length];
        java.util.Arrays.fill(label, -1);
        int components = 0;
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int start = 0; start < levels.length; start++) {
            if (levels[start] <= 0 || label[start] >= 0) {
                continue;
            }
            label[start] = components;
            todo.push(start);
            while (!todo.isEmpty()) {
                int pixel = todo.pop();
                int x = pixel % width;
                int y = pixel / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && levels[ny * width + nx] > 0
                                && label[ny * width + nx] < 0) {
                            label[ny * width + nx] = components;
                            todo.push(ny * width + nx);
                        }
                    }
                }
            }
            components++;
        }
        return label;
    }
}
