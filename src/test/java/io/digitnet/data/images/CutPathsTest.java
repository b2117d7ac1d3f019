package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cuts through touching digits, on strokes drawn for it: upright, and slanted with their columns overlapping. */
class CutPathsTest {
    private static final int WIDTH = 60;
    private static final int HEIGHT = 50;

    /** A stroke 3 pixels thick from column {@code top} in row 0 to column {@code bottom} in the last row, at ink {@code level}. */
    private static float[] stroke(double top, double bottom, float level) {
        float[] levels = new float[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            int x = (int) Math.round(top + (bottom - top) * y / (HEIGHT - 1));
            for (int dx = 0; dx < 3; dx++) {
                levels[y * WIDTH + x + dx] = level;
            }
        }
        return levels;
    }

    /** Ink at {@code level} over columns {@code left} to {@code right} (not included) of rows {@code top} to {@code bottom} (not included). */
    private static float[] block(int left, int right, int top, int bottom, float level) {
        float[] levels = new float[WIDTH * HEIGHT];
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                levels[y * WIDTH + x] = level;
            }
        }
        return levels;
    }

    private static List<CutPaths.Cut> cuts(float[] levels) {
        Components components = Components.of(levels, WIDTH, HEIGHT);
        assertEquals(1, components.count(), "the strokes touch: one piece of ink");
        InkGroup group = new InkGroup(components, List.of(0));
        return CutPaths.of(group, new InkMap(levels, WIDTH, HEIGHT), components, 3, 16);
    }

    /** Whether, in rows {@code fromRow} to {@code toRow}, the cut leaves all of stroke a on its left and all of b on its right. */
    private static boolean parts(CutPaths.Cut cut, float[] a, float[] b, int fromRow, int toRow) {
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                if (a[i] > 0 && x >= cut.columns()[y] || b[i] > 0 && x < cut.columns()[y]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static float[] union(float[]... parts) {
        float[] levels = new float[WIDTH * HEIGHT];
        for (float[] part : parts) {
            for (int i = 0; i < levels.length; i++) {
                levels[i] = Math.max(levels[i], part[i]);
            }
        }
        return levels;
    }

    /**
     * Two strokes leaning the same way (9 degrees, as a slanted hand writes 1s), 8 columns
     * apart so that their column ranges overlap, joined by a bridge in the bottom rows: no
     * straight column parts them; a cut does.
     */
    @Test
    void slantedStrokesThatOverlapInColumnsArePartedAlongTheirGap() {
        float[] first = stroke(20, 12, 200);
        float[] second = stroke(28, 20, 200);
        float[] bridge = block(12, 22, HEIGHT - 3, HEIGHT, 200);
        for (int x = 0; x <= WIDTH; x++) {
            assertTrue(!parts(CutPaths.Cut.straight(HEIGHT, x), first, second, 0, HEIGHT - 3), "column " + x + " parts them");
        }
        List<CutPaths.Cut> cuts = cuts(union(first, second, bridge));
        assertTrue(cuts.stream().anyMatch(cut -> parts(cut, first, second, 0, HEIGHT - 3)),
                "a cut runs between the strokes down to the bridge");
    }

    /** Two upright strokes joined by a bar: each cut goes down the group a column a row at most, and one parts them. */
    @Test
    void theCutsComeLeftToRightAndEachCrossesTheGroupTopToBottom() {
        float[] first = stroke(15, 15, 255);
        float[] second = stroke(35, 35, 255);
        float[] bar = block(15, 38, HEIGHT / 2, HEIGHT / 2 + 1, 255);
        List<CutPaths.Cut> cuts = cuts(union(first, second, bar));
        assertTrue(!cuts.isEmpty());
        for (int c = 0; c < cuts.size(); c++) {
            CutPaths.Cut cut = cuts.get(c);
            assertEquals(HEIGHT, cut.columns().length);
            assertEquals(cut.middle(), cut.columns()[HEIGHT / 2]);
            for (int y = 1; y < HEIGHT; y++) {
                assertTrue(Math.abs(cut.columns()[y] - cut.columns()[y - 1]) <= 1, "a column a row at most");
            }
            assertTrue(c == 0 || cuts.get(c - 1).middle() < cut.middle(), "left to right");
        }
        assertTrue(cuts.stream().anyMatch(cut -> parts(cut, first, second, 0, HEIGHT)), "a cut between the strokes");
    }
}
