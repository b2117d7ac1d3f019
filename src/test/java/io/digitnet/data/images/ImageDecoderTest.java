package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitnet.testing.IdxFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder lays colour images out with their bands in order, for speed; what it decodes
 * must be what ImageIO itself decodes, sample for sample, in every kind of PNG and JPEG.
 */
class ImageDecoderTest {
    private static final byte[] DIGIT = Arrays.copyOf(IdxFixtures.pixels(1, 5), 784);

    static Stream<Arguments> files() throws IOException {
        BufferedImage colour = ImageIO.read(new ByteArrayInputStream(
                ScanRenderer.render(DIGIT, 3, ScanRenderer.Format.PNG)));
        BufferedImage grey = DrawnDigits.seven(60, 50, 8, 4, 40);
        return Stream.of(
                Arguments.of("RGB PNG (a rendered scan)", ScanRenderer.render(DIGIT, 1, ScanRenderer.Format.PNG)),
                Arguments.of("YCbCr JPEG (a rendered scan)", ScanRenderer.render(DIGIT, 2, ScanRenderer.Format.JPEG)),
                Arguments.of("grey PNG", DrawnDigits.png(grey)),
                Arguments.of("grey JPEG", DrawnDigits.jpeg(grey, 0.8f)),
                Arguments.of("16-bit grey PNG", DrawnDigits.png(as(grey, BufferedImage.TYPE_USHORT_GRAY))),
                Arguments.of("1-bit PNG", DrawnDigits.png(as(grey, BufferedImage.TYPE_BYTE_BINARY))),
                Arguments.of("palette PNG", DrawnDigits.png(as(colour, BufferedImage.TYPE_BYTE_INDEXED))),
                Arguments.of("RGBA PNG, half transparent", DrawnDigits.png(halfTransparent(colour))),
                Arguments.of("interlaced RGB PNG", progressive(colour, "png")),
                Arguments.of("progressive JPEG", progressive(colour, "jpeg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesWhatImageIoDecodesSampleForSample(String kind, byte[] file) throws Exception {
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(file));
        BufferedImage decoded = ImageDecoder.decode(file);
        assertEquals(expected.getColorModel(), decoded.getColorModel(), kind);
        int width = expected.getWidth();
        int height = expected.getHeight();
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertArrayEquals(expected.getRaster().getPixels(0, 0, width, height, (int[]) null),
                decoded.getRaster().getPixels(0, 0, width, height, (int[]) null), kind);
        assertArrayEquals(GreyLevels.of(expected), GreyLevels.of(decoded), kind);
    }

    /** The image redrawn in another type, as Java2D converts it. */
    private static BufferedImage as(BufferedImage image, int type) {
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), type);
        converted.createGraphics().drawImage(image, 0, 0, null);
        return converted;
    }

    /** The image with an alpha that falls from opaque on the left to clear on the right. */
    private static BufferedImage halfTransparent(BufferedImage image) {
        BufferedImage transparent = new BufferedImage(image.getWidth(), image.getHeight(),
                BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int alpha = 255 - 255 * x / (image.getWidth() - 1);
                transparent.setRGB(x, y, alpha << 24 | (image.getRGB(x, y) & 0xffffff));
            }
        }
        return transparent;
    }

    /** An interlaced PNG or a progressive JPEG: decoded in passes, not row by row. */
    private static byte[] progressive(BufferedImage image, String format) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
