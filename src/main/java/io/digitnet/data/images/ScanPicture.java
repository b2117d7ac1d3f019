package io.digitnet.data.images;

import io.digitnet.data.DigitImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A scan beside what the network is given for it, so that a person can see what the
 * normaliser made of a page: the scan on the left, scaled to the picture's height, and its
 * 28x28 on the right, each pixel a 4x4 square, ink white on black as MNIST's.
 */
public final class ScanPicture {
    private static final int ENLARGED = 4;
    private static final int HEIGHT = DigitImages.SIDE * ENLARGED;
    private static final int GAP = 8;

    private ScanPicture() {}

    /** The picture of a PNG or JPEG file; a file the normaliser rejects is rejected with the same reason. */
    public static BufferedImage of(byte[] file) throws UnreadableImageException {
        BufferedImage scan = ImageDecoder.decode(file);
        byte[] digit = ScanNormaliser.normalise(scan);
        int scanWidth = Math.max(1, (int) Math.round((double) scan.getWidth() * HEIGHT / scan.getHeight()));
        BufferedImage picture = new BufferedImage(scanWidth + GAP + HEIGHT, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, picture.getWidth(), HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(scan, 0, 0, scanWidth, HEIGHT, null);
        g.dispose();
        int left = scanWidth + GAP;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < HEIGHT; x++) {
                int level = digit[(y / ENLARGED) * DigitImages.SIDE + x / ENLARGED] & 0xff;
                picture.setRGB(left + x, y, level << 16 | level << 8 | level);
            }
        }
        return picture;
    }

    /** The 28x28 in a picture made by {@link #of}: its right-hand square, one level per pixel. */
    public static byte[] digitOf(BufferedImage picture) {
        byte[] digit = new byte[DigitImages.PIXELS];
        int left = picture.getWidth() - HEIGHT;
        for (int i = 0; i < digit.length; i++) {
            digit[i] = (byte) (picture.getRGB(left + (i % DigitImages.SIDE) * ENLARGED,
                    (i / DigitImages.SIDE) * ENLARGED) & 0xff);
        }
        return digit;
    }
}
