package io.digitnet.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.digitnet.data.images.InkPasses;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ink map's passes in the vector registers, held bit for bit to the plain loops. */
class VectorInkPassesTest {
    private static final InkPasses PLAIN = new InkPasses();
    private static final InkPasses VECTORS = new VectorInkPasses();

    @Test
    void theVectorPassesAreTheOnesThisJvmRuns() {
        assertEquals(true, Kernels.VECTOR_API, "conf/jvm.args adds the vector module to the tests' JVM");
        assertInstanceOf(VectorInkPasses.class, Kernels.inkPasses());
    }

    /** Pages of every width around the vector's (whole vectors, tails), grey levels on whole and fractional values. */
    @Test
    void inkContrastAndCountsAreThoseOfThePlainLoops() {
        SplittableRandom random = new SplittableRandom(14);
        for (int page = 0; page < 300; page++) {
            int width = 1 + random.nextInt(70);
            int height = 1 + random.nextInt(20);
            float[] greys = greys(random, width * height);
            float paper = random.nextInt(256);
            boolean light = random.nextBoolean();
            float noise = random.nextBoolean() ? random.nextInt(40) : (float) random.nextDouble(0, 40);
            float[] plain = greys.clone();
            int[] plainRows = new int[height];
            int[] plainColumns = new int[width];
            float plainContrast = PLAIN.ink(plain, width, height, paper, light, noise, plainRows, plainColumns);
            int[] rows = new int[height];
            int[] columns = new int[width];
            float contrast = VECTORS.ink(greys, width, height, paper, light, noise, rows, columns);
            String where = "page " + page + ", " + width + "x" + height;
            assertEquals(Float.floatToRawIntBits(plainContrast), Float.floatToRawIntBits(contrast), where);
            assertArrayEquals(plain, greys, where);
            assertArrayEquals(plainRows, rows, where);
            assertArrayEquals(plainColumns, columns, where);
        }
    }

    @Test
    void strongestAndWeakInkMadePaperAreThoseOfThePlainLoops() {
        SplittableRandom random = new SplittableRandom(15);
        for (int page = 0; page < 300; page++) {
            float[] levels = greys(random, 1 + random.nextInt(500));
            for (int i = 0; i < levels.length; i += 1 + random.nextInt(4)) {
                levels[i] = 0;
            }
            assertEquals(PLAIN.strongest(levels), VECTORS.strongest(levels), "page " + page);
            float threshold = random.nextBoolean() ? levels[random.nextInt(levels.length)] : random.nextInt(256);
            float[] plain = levels.clone();
            PLAIN.zeroBelow(plain, threshold);
            VECTORS.zeroBelow(levels, threshold);
            assertArrayEquals(plain, levels, "page " + page);
        }
    }

    @Test
    void theNextInkIsThatOfThePlainLoop() {
        SplittableRandom random = new SplittableRandom(16);
        for (int page = 0; page < 300; page++) {
            float[] levels = new float[1 + random.nextInt(200)];
            double share = random.nextDouble(0, 0.1);
            for (int i = 0; i < levels.length; i++) {
                levels[i] = random.nextDouble() < share ? 1 + random.nextInt(255) : 0;
            }
            int from = random.nextInt(levels.length);
            int to = from + random.nextInt(levels.length - from + 1);
            assertEquals(PLAIN.nextInk(levels, from, to), VECTORS.nextInk(levels, from, to),
                    "page " + page + " from " + from + " to " + to);
        }
    }

    /** Whole levels and fractional ones (as luma gives), so that some equal the paper or the noise exactly. */
    private static float[] greys(SplittableRandom random, int pixels) {
        float[] greys = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            greys[i] = random.nextBoolean() ? random.nextInt(256) : (float) random.nextDouble(0, 255);
        }
        return greys;
    }
}
