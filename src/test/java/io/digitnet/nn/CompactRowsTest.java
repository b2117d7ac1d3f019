package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactRowsTest {
    private static final int WIDTH = 784;

    /** Rows like digits: a fifth of the inputs lit, each a grey level / 255. */
    private static double[] greyRows(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[rows * WIDTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.2 ? (1 + random.nextInt(255)) / 255.0 : 0.0;
        }
        return x;
    }

    private static CompactRows compact(double[] x, int rows) {
        CompactRows.Builder builder = new CompactRows.Builder(WIDTH);
        for (int r = 0; r < rows; r++) {
            builder.add(x, r * WIDTH);
        }
        return builder.build();
    }

    private static double[] dense(CompactRows rows) {
        double[] x = new double[rows.rows() * WIDTH];
        for (int r = 0; r < rows.rows(); r++) {
            rows.dense(r, x, r * WIDTH);
        }
        return x;
    }

    private static void assertSameBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + ", found " + actual[i]);
            }
        }
    }

    @Test
    void greyRowsComeBackBitForBitAcrossChunksInUnderAKilobyteARow() {
        int rows = 2 * CompactRows.CHUNK_ROWS + 123;
        double[] x = greyRows(rows, 1);
        CompactRows compact = compact(x, rows);
        assertEquals(rows, compact.rows());
        assertSameBits(x, dense(compact));
        double perRow = (double) compact.bytes() / rows;
        assertTrue(perRow < 3.2 * 0.2 * WIDTH + 8, perRow + " bytes a row"); // 2 + 1 bytes an entry
    }

    /** Values that are not grey levels (and -0.0, which is not +0.0) keep all their bits, in their own chunk. */
    @Test
    void otherValuesKeepTheirBits() {
        int rows = CompactRows.CHUNK_ROWS + 10;
        double[] x = greyRows(rows, 2);
        SplittableRandom random = new SplittableRandom(3);
        int last = CompactRows.CHUNK_ROWS * WIDTH;
        for (int i = last; i < x.length; i += 7) {
            x[i] = random.nextDouble();
        }
        x[last + 1] = -0.0;
        CompactRows compact = compact(x, rows);
        assertSameBits(x, dense(compact));
        CompactRows greyOnly = compact(java.util.Arrays.copyOf(x, last), CompactRows.CHUNK_ROWS);
        assertTrue(compact.bytes() - greyOnly.bytes() > 10L * 0.2 * WIDTH * 8, "the second chunk holds doubles");
    }

    @Test
    void copyAndListGiveTheNonZeroInputsInOrder() {
        double[] x = greyRows(50, 4);
        CompactRows compact = compact(x, 50);
        int[] inputs = new int[WIDTH + 3];
        double[] values = new double[WIDTH + 3];
        int end = compact.copy(17, inputs, values, 3);
        int at = 3;
        for (int i = 0; i < WIDTH; i++) {
            if (x[17 * WIDTH + i] != 0) {
                assertEquals(i, inputs[at]);
                assertEquals(x[17 * WIDTH + i], values[at], 0.0);
                at++;
            }
        }
        assertEquals(at, end);

        NonZeroRows listed = new NonZeroRows(10, WIDTH);
        compact.list(17, 10, listed);
        NonZeroRows expected = NonZeroRows.of(x, 17 * WIDTH, 10, WIDTH);
        assertArrayEquals(expected.start, java.util.Arrays.copyOf(listed.start, 11));
        int entries = expected.start[10];
        assertArrayEquals(expected.input, java.util.Arrays.copyOf(listed.input, entries));
        assertArrayEquals(expected.value, java.util.Arrays.copyOf(listed.value, entries));
    }

    @Test
    void samplesJoinChunkByChunk() {
        int rows = CompactRows.CHUNK_ROWS + 40;
        double[] x = greyRows(rows, 5);
        int[] labels = new SplittableRandom(6).ints(rows, 0, 10).toArray();
        Samples first = new Samples(java.util.Arrays.copyOf(x, CompactRows.CHUNK_ROWS * WIDTH),
                java.util.Arrays.copyOf(labels, CompactRows.CHUNK_ROWS), WIDTH);
        Samples second = new Samples(java.util.Arrays.copyOfRange(x, CompactRows.CHUNK_ROWS * WIDTH, x.length),
                java.util.Arrays.copyOfRange(labels, CompactRows.CHUNK_ROWS, rows), WIDTH);
        Samples joined = Samples.concat(List.of(first, second));
        assertArrayEquals(labels, joined.labels);
        double[] back = new double[rows * WIDTH];
        joined.dense(0, rows, back);
        assertSameBits(x, back);
        assertThrows(IllegalArgumentException.class, () -> Samples.concat(List.of(second, first)));
    }
}
