package io.digitnet.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** What the tests measure of a 28x28 digit, computed here apart from the code under test. */
final class DigitMeasures {
    static final int SIDE = 28;

    private DigitMeasures() {}

    /** The bounding box of the non-zero pixels. */
    record Box(int left, int top, int width, int height) {
        int longerSide() {
            return Math.max(width, height);
        }
    }

    static int level(byte[] pixels, int x, int y) {
        return pixels[y * SIDE + x] & 0xff;
    }

    static Box inkBox(byte[] pixels) {
        int left = SIDE;
        int right = -1;
        int top = SIDE;
        int bottom = -1;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (level(pixels, x, y) > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return new Box(left, top, right - left + 1, bottom - top + 1);
    }

    /** The image moved by (dx, dy) pixels, what leaves the 28x28 dropped. */
    static byte[] shifted(byte[] pixels, int dx, int dy) {
        byte[] moved = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if (x + dx >= 0 && x + dx < SIDE && y + dy >= 0 && y + dy < SIDE) {
                    moved[(y + dy) * SIDE + x + dx] = pixels[y * SIDE + x];
                }
            }
        }
        return moved;
    }

    /** (x, y) in pixel indices, weighted by level. */
    static double[] centreOfMass(byte[] pixels) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                int level = level(pixels, column, row);
                mass += level;
                x += level * column;
                y += level * row;
            }
        }
        return new double[] {x / mass, y / mass};
    }

    static int max(byte[] pixels) {
        int max = 0;
        for (byte pixel : pixels) {
            max = Math.max(max, pixel & 0xff);
        }
        return max;
    }

    /** Mean |a - b| per pixel, in levels of 255. */
    static double meanAbsDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / a.length;
    }

    /** Pearson's correlation of the pixel levels. */
    static double correlation(byte[] a, byte[] b) {
        double n = a.length;
        double sumA = 0;
        double sumB = 0;
        double sumAA = 0;
        double sumBB = 0;
        double sumAB = 0;
        for (int i = 0; i < a.length; i++) {
            double u = a[i] & 0xff;
            double v = b[i] & 0xff;
            sumA += u;
            sumB += v;
            sumAA += u * u;
            sumBB += v * v;
            sumAB += u * v;
        }
        double covariance = sumAB / n - sumA * sumB / (n * n);
        return covariance / Math.sqrt((sumAA / n - sumA * sumA / (n * n)) * (sumBB / n - sumB * sumB / (n * n)));
    }

    /** The first {@code count} images of a gzip IDX images file, 784 bytes each. */
    static byte[][] firstImages(Path gzipIdx, int count) throws IOException {
        byte[] header = new byte[16];
        byte[][] images = new byte[count][];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipIdx))) {
            if (in.readNBytes(header, 0, 16) != 16) {
                throw new IOException(gzipIdx + ": no IDX header");
            }
            for (int i = 0; i < count; i++) {
                images[i] = in.readNBytes(SIDE * SIDE);
                if (images[i].length != SIDE * SIDE) {
                    throw new IOException(gzipIdx + ": ends before image " + i);
                }
            }
        }
        return images;
    }

    /** A 28x28 digit as a grey image, white on black as MNIST's bytes are. */
    static BufferedImage asImage(byte[] pixels) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, SIDE, SIDE, pixels);
        return image;
    }
}
