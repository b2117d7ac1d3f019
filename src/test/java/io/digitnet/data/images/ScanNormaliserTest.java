package io.digitnet.data.images;

import static io.digitnet.data.images.DigitMeasures.centreOfMass;
import static io.digitnet.data.images.DigitMeasures.correlation;
import static io.digitnet.data.images.DigitMeasures.inkBox;
import static io.digitnet.data.images.DigitMeasures.level;
import static io.digitnet.data.images.DigitMeasures.max;
import static io.digitnet.data.images.DigitMeasures.meanAbsDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.MnistDir;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanNormaliserTest {
    /** A "7" as MNIST would hold it: 28x28, light strokes on black, not quite centred. */
    private static final BufferedImage SEVEN = DrawnDigits.seven(28, 28, 2, 5, 22);

    private static byte[] normalised(byte[] file) {
        try {
            return ScanNormaliser.normalise(file);
        } catch (UnreadableImageException e) {
            throw new AssertionError("expected a digit, got: " + e.getMessage());
        }
    }

    private static String reason(byte[] file) {
        return assertThrows(UnreadableImageException.class, () -> ScanNormaliser.normalise(file)).getMessage();
    }

    /** MNIST's form: the longer side 20, the centre of mass in the pixel nearest (14, 14), ink up to 255. */
    private static void assertMnistForm(byte[] pixels) {
        assertEquals(784, pixels.length);
        DigitMeasures.Box box = inkBox(pixels);
        assertEquals(20, box.longerSide(), box.toString());
        double[] centre = centreOfMass(pixels);
        assertEquals(14, centre[0], 0.5, "centre of mass x");
        assertEquals(14, centre[1], 0.5, "centre of mass y");
        assertEquals(255, max(pixels));
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean inBox = x >= box.left() && x < box.left() + box.width() && y >= box.top()
                        && y < box.top() + box.height();
                assertTrue(inBox || level(pixels, x, y) == 0);
            }
        }
    }

    @Test
    void aWhiteOnBlackDigitIsScaledToTwentyAndCentredByItsMass() {
        byte[] pixels = normalised(DrawnDigits.png(SEVEN));
        assertMnistForm(pixels);
        // Not turned over: a 7's strokes are a small part of the field.
        long ink = 0;
        for (byte pixel : pixels) {
            ink += pixel != 0 ? 1 : 0;
        }
        assertTrue(ink < 784 / 4, ink + " ink pixels");
        // Its strokes are where the drawing's are, moved by the centring only.
        assertTrue(correlation(pixels, normalised(DrawnDigits.png(DrawnDigits.seven(28, 28, 3, 4, 22)))) > 0.9);
    }

    @Test
    void blackOnWhiteGivesTheSameDigitAsWhiteOnBlack() {
        int[] levels = DrawnDigits.levels(SEVEN);
        byte[] whiteOnBlack = normalised(DrawnDigits.png(SEVEN));
        byte[] blackOnWhite = normalised(DrawnDigits.png(
                DrawnDigits.asType(DrawnDigits.inverted(levels), 28, 28, BufferedImage.TYPE_BYTE_GRAY)));
        assertArrayEquals(whiteOnBlack, blackOnWhite);
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_RGB,
            BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED})
    void everyKindOfImageGivesTheSameDigit(int type) {
        int[] blackOnWhite = DrawnDigits.inverted(DrawnDigits.levels(SEVEN));
        byte[] expected = normalised(DrawnDigits.png(SEVEN));
        byte[] pixels = normalised(DrawnDigits.png(DrawnDigits.asType(blackOnWhite, 28, 28, type)));
        // A palette holds only some greys: the anti-aliased edges come out a little off.
        double tolerance = type == BufferedImage.TYPE_BYTE_INDEXED ? 3 : 0.5;
        assertTrue(meanAbsDifference(expected, pixels) < tolerance, "mean difference "
                + meanAbsDifference(expected, pixels));
    }

    @Test
    void aSmallDigitInTheCornerOfALargeLightPageIsFoundAndCentred() {
        BufferedImage page = DrawnDigits.seven(300, 200, 15, 125, 60);
        int[] light = DrawnDigits.inverted(DrawnDigits.levels(page));
        for (int i = 0; i < light.length; i++) {
            light[i] = light[i] * 200 / 255 + 30;
        }
        byte[] pixels = normalised(DrawnDigits.png(DrawnDigits.asType(light, 300, 200, BufferedImage.TYPE_INT_RGB)));
        assertMnistForm(pixels);
        byte[] small = normalised(DrawnDigits.png(SEVEN));
        assertTrue(correlation(small, pixels) > 0.9, "correlation " + correlation(small, pixels));
    }

    @Test
    void theAspectRatioIsKept() {
        DigitMeasures.Box tall = inkBox(normalised(DrawnDigits.png(DrawnDigits.bar(64, 64, 7, 11, 10, 40))));
        assertEquals(20, tall.height());
        assertEquals(5, tall.width(), 1);
        DigitMeasures.Box wide = inkBox(normalised(DrawnDigits.png(DrawnDigits.bar(64, 64, 11, 7, 40, 10))));
        assertEquals(20, wide.width());
        assertEquals(5, wide.height(), 1);
    }

    @Test
    void shrinkingAHundredTimesAveragesEverySourcePixel() {
        // 1-pixel lines 7 pixels apart over 2000x400, shrunk to 20x4: every output pixel
        // covers 14 or 15 lines, so all come out alike. Sampling one source pixel each would
        // hit a line or miss it, in a beat pattern.
        BufferedImage page = new BufferedImage(2100, 500, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 50; x < 2050; x += 7) {
            for (int y = 50; y < 450; y++) {
                page.getRaster().setSample(x, y, 0, 255);
            }
        }
        byte[] pixels = normalised(DrawnDigits.png(page));
        DigitMeasures.Box box = inkBox(pixels);
        assertEquals(20, box.width());
        for (int y = box.top(); y < box.top() + 4; y++) {
            for (int x = box.left(); x < box.left() + 20; x++) {
                assertTrue(level(pixels, x, y) >= 230, "level at " + x + "," + y + ": " + level(pixels, x, y));
            }
        }
    }

    @Test
    void aTransparentBackgroundIsPaper() {
        // Transparent black around black strokes: only the alpha tells ink from paper.
        int[] levels = DrawnDigits.levels(SEVEN);
        BufferedImage transparent = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                transparent.setRGB(x, y, levels[y * 28 + x] << 24);
            }
        }
        byte[] expected = normalised(DrawnDigits.png(SEVEN));
        byte[] pixels = normalised(DrawnDigits.png(transparent));
        assertTrue(meanAbsDifference(expected, pixels) < 0.5, "mean difference " + meanAbsDifference(expected, pixels));
    }

    @Test
    void aJpegGivesNearlyThePngsDigit() {
        BufferedImage page = DrawnDigits.asType(DrawnDigits.inverted(DrawnDigits.levels(
                DrawnDigits.seven(120, 100, 30, 10, 80))), 120, 100, BufferedImage.TYPE_INT_RGB);
        byte[] fromPng = normalised(DrawnDigits.png(page));
        byte[] fromJpeg = normalised(DrawnDigits.jpeg(page, 0.75f));
        assertMnistForm(fromJpeg);
        assertTrue(meanAbsDifference(fromPng, fromJpeg) < 3, "mean difference " + meanAbsDifference(fromPng, fromJpeg));
        assertTrue(correlation(fromPng, fromJpeg) > 0.98, "correlation " + correlation(fromPng, fromJpeg));
    }

    @Test
    void filesThatAreNotDigitsAreRejectedWithAShortReason() {
        assertEquals("empty file", reason(new byte[0]));
        assertEquals("not a PNG or JPEG image", reason("digit,7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("not a PNG or JPEG image", reason(DrawnDigits.write(SEVEN, "gif")));
        byte[] png = DrawnDigits.png(SEVEN);
        assertEquals("unreadable PNG image", reason(Arrays.copyOf(png, png.length / 2)));
        assertEquals("unreadable PNG image", reason(Arrays.copyOf(png, 8)));
        assertEquals("unreadable JPEG image", reason(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2}));
        // Cut short after its header, a JPEG still decodes, grey where the data ran out.
        byte[] jpeg = DrawnDigits.jpeg(SEVEN, 0.9f);
        assertEquals("unreadable JPEG image", reason(Arrays.copyOf(jpeg, jpeg.length * 3 / 4)));

        int[] blank = new int[40 * 30];
        Arrays.fill(blank, 230);
        assertEquals("image has no ink", reason(DrawnDigits.png(DrawnDigits.asType(blank, 40, 30,
                BufferedImage.TYPE_BYTE_GRAY))));
        Arrays.fill(blank, 0);
        assertEquals("image has no ink", reason(DrawnDigits.png(DrawnDigits.asType(blank, 40, 30,
                BufferedImage.TYPE_BYTE_GRAY))));
    }

    /** A PNG whose IHDR chunk declares another size than its data's (a valid chunk, with its CRC). */
    private static byte[] pngDeclaring(int width, int height) {
        return io.digitnet.testing.PngHeaders.declaring(DrawnDigits.png(SEVEN), width, height);
    }

    @Test
    void aHugeOrEmptyDeclaredSizeIsRejectedBeforeDecoding() {
        assertEquals("image is too large", reason(pngDeclaring(10000, 10000)));
        assertEquals("unreadable PNG image", reason(pngDeclaring(0, 28)));
        assertEquals("unreadable PNG image", reason(pngDeclaring(28, 0)));
    }

    /**
     * MNIST's digits are in this form already. Measured on the first 500 test digits: mean
     * difference 0.49 levels, mean correlation 0.996; what differs is the faintest edge
     * (under a tenth of the strongest ink), the 254s stretched to 255, and a pixel's move
     * where the centre of mass lay near half a pixel.
     */
    @Test
    void realMnistDigitsComeThroughNearlyUnchanged() throws IOException {
        byte[][] images = DigitMeasures.firstImages(MnistDir.require().resolve("t10k-images-idx3-ubyte.gz"), 500);
        double difference = 0;
        double correlation = 0;
        for (byte[] image : images) {
            byte[] pixels = normalised(DrawnDigits.png(DigitMeasures.asImage(image)));
            difference += meanAbsDifference(image, pixels);
            correlation += correlation(image, pixels);
        }
        difference /= images.length;
        correlation /= images.length;
        System.out.printf("MNIST through the normaliser: mean |difference| %.2f levels, mean correlation %.4f%n",
                difference, correlation);
        assertTrue(difference < 1.0, "mean difference " + difference);
        assertTrue(correlation > 0.99, "mean correlation " + correlation);
    }
}
