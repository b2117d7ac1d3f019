package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static final int CHUNK = CompactRows.CHUNK_ROWS;

    /** {@code count} rows of 3 values, row r's label r % 10 and its values r, r + 1, r + 2 (0 kept out of the lists). */
    private static Samples rows(int count) {
        double[] x = new double[count * 3];
        int[] labels = new int[count];
        for (int r = 0; r < count; r++) {
            for (int k = 0; k < 3; k++) {
                x[r * 3 + k] = r + k;
            }
            labels[r] = r % 10;
        }
        return new Samples(x, labels, 3);
    }

    /**
     * Pieces of any whole number of chunks, and an empty one, come out as windows of the
     * size asked, the last shorter, every row once and in order.
     */
    @Test
    void piecesRegroupIntoWindowsOfTheSizeAskedInOrder() {
        Samples all = rows(5 * CHUNK + 7);
        List<Samples> pieces = List.of(all.slice(0, CHUNK), all.slice(CHUNK, 4 * CHUNK), rows(0),
                all.slice(4 * CHUNK, all.count));
        Windows windows = new Windows(pieces.iterator(), 2 * CHUNK);
        List<Integer> sizes = new ArrayList<>();
        int at = 0;
        double[] row = new double[3];
        double[] expected = new double[3];
        while (windows.hasNext()) {
            Samples window = windows.next();
            sizes.add(window.count);
            for (int r = 0; r < window.count; r++, at++) {
                assertEquals(all.labels[at], window.labels[r]);
                window.dense(r, 1, row);
                all.dense(at, 1, expected);
                assertArrayEquals(expected, row, "row " + at);
            }
        }
        assertEquals(List.of(2 * CHUNK, 2 * CHUNK, CHUNK + 7), sizes);
        assertFalse(windows.hasNext());
        assertThrows(java.util.NoSuchElementException.class, windows::next);
    }

    @Test
    void nothingToRegroupIsNoWindow() {
        assertFalse(new Windows(List.of(rows(0)).iterator(), CHUNK).hasNext());
        assertFalse(new Windows(List.<Samples>of().iterator(), CHUNK).hasNext());
    }

    @Test
    void aWindowIsWholeChunks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Windows(List.of(rows(10)).iterator(), CHUNK + 1));
        assertTrue(e.getMessage().contains("whole chunks of " + CHUNK), e.getMessage());
    }

    @Test
    void aSliceStartsAChunk() {
        Samples all = rows(2 * CHUNK);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.slice(1, CHUNK));
        assertTrue(e.getMessage().contains("rows 1 to " + CHUNK), e.getMessage());
        assertEquals(Arrays.stream(all.labels, CHUNK, 2 * CHUNK).boxed().toList(),
                Arrays.stream(all.slice(CHUNK, 2 * CHUNK).labels).boxed().toList());
    }
}
