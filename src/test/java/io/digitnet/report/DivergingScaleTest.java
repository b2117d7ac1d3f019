package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DivergingScaleTest {
    private static final int WHITE = 0xFFFFFF;

    @Test
    void zeroIsWhiteAndTheScaleIsFullStrength() {
        DivergingScale scale = new DivergingScale(2.0);
        assertEquals(WHITE, scale.rgb(0.0));
        assertEquals(0xB2182B, scale.rgb(2.0));
        assertEquals(0x2166AC, scale.rgb(-2.0));
        assertEquals(0xB2182B, scale.rgb(50.0), "beyond the scale stays at full strength");
    }

    @Test
    void halfTheScaleIsHalfwayFromWhite() {
        DivergingScale scale = new DivergingScale(2.0);
        assertComponents(scale.rgb(1.0), (255 + 178) / 2.0, (255 + 24) / 2.0, (255 + 43) / 2.0);
        assertComponents(scale.rgb(-1.0), (255 + 33) / 2.0, (255 + 102) / 2.0, (255 + 172) / 2.0);
    }

    @Test
    void aScaleOfZeroDrawsEverythingWhite() {
        DivergingScale scale = DivergingScale.of(new double[] {0.0, 0.0, -0.0});
        assertEquals(0.0, scale.scale());
        assertEquals(WHITE, scale.rgb(0.0));
        assertEquals(WHITE, scale.rgb(1.0));
        assertEquals(WHITE, scale.rgb(-3.0));
    }

    @Test
    void ofTakesTheLargestFiniteSize() {
        DivergingScale scale = DivergingScale.of(new double[] {0.5, -3.0, Double.NaN, 1.0, Double.POSITIVE_INFINITY});
        assertEquals(3.0, scale.scale());
        assertEquals(0x2166AC, scale.rgb(-3.0));
        assertEquals(WHITE, scale.rgb(Double.NaN));
    }

    @Test
    void rejectsNegativeOrUndefinedScales() {
        assertThrows(IllegalArgumentException.class, () -> new DivergingScale(-1.0));
        assertThrows(IllegalArgumentException.class, () -> new DivergingScale(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DivergingScale(Double.POSITIVE_INFINITY));
    }

    private static void assertComponents(int rgb, double red, double green, double blue) {
        assertEquals(red, rgb >> 16 & 0xFF, 1.0, "red");
        assertEquals(green, rgb >> 8 & 0xFF, 1.0, "green");
        assertEquals(blue, rgb & 0xFF, 1.0, "blue");
    }
}
