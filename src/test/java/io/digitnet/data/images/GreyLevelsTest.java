package io.digitnet.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitnet.testing.IdxFixtures;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Interleaved bytes, what decoded PNG and JPEG files hold, are read straight from their
 * array; every other layout through its sample model. Both must give the same levels.
 */
class GreyLevelsTest {
    private static final byte[] DIGIT = Arrays.copyOf(IdxFixtures.pixels(1, 9), 784);

    @Test
    void interleavedBytesGiveTheLevelsTheirSampleModelGives() throws UnreadableImageException {
        BufferedImage scan = ImageDecoder.decode(ScanRenderer.render(DIGIT, 4, ScanRenderer.Format.PNG));
        BufferedImage bgr = new BufferedImage(scan.getWidth(), scan.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getRaster().setRect(scan.getRaster());
        float[] levels = GreyLevels.of(banded(bgr));
        assertArrayEquals(levels, GreyLevels.of(scan), "bands in order");
        assertArrayEquals(levels, GreyLevels.of(bgr), "bands as B, G, R");
        assertEquals(0.299f * 3 + 0.587f * 2 + 0.114f * 1, GreyLevels.of(banded(filled(bgr, 3, 2, 1)))[0]);
    }

    @Test
    void interleavedBytesWithAlphaGiveTheLevelsTheirSampleModelGives() throws UnreadableImageException {
        BufferedImage scan = ImageDecoder.decode(ScanRenderer.render(DIGIT, 5, ScanRenderer.Format.PNG));
        BufferedImage abgr = new BufferedImage(scan.getWidth(), scan.getHeight(), BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < scan.getHeight(); y++) {
            for (int x = 0; x < scan.getWidth(); x++) {
                abgr.setRGB(x, y, (x * 255 / scan.getWidth()) << 24 | scan.getRGB(x, y) & 0xffffff);
            }
        }
        assertArrayEquals(GreyLevels.of(banded(abgr)), GreyLevels.of(abgr));
    }

    /** The image with every pixel set to one colour. */
    private static BufferedImage filled(BufferedImage image, int red, int green, int blue) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xff000000 | red << 16 | green << 8 | blue);
            }
        }
        return image;
    }

    /** The same colours and samples, each band in an array of its own: read through the sample model. */
    private static BufferedImage banded(BufferedImage image) {
        WritableRaster raster = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, image.getWidth(), image.getHeight(),
                image.getRaster().getNumBands(), null);
        raster.setRect(image.getRaster());
        return new BufferedImage(image.getColorModel(), raster, image.isAlphaPremultiplied(), null);
    }
}
