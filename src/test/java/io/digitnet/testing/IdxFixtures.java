package io.digitnet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small IDX files made by the tests: MNIST's layout, random pixels, known labels. */
public final class IdxFixtures {
    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    public static final int PIXELS = 784;

    private IdxFixtures() {}

    /** count x 784 pixel bytes, the same for the same seed. */
    public static byte[] pixels(int count, long seed) {
        byte[] pixels = new byte[count * PIXELS];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    /** count labels 0..9: (i * 7 + 3) % 10, so that neighbours differ. */
    public static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) ((i * 7 + 3) % 10);
        }
        return labels;
    }

    /** An images file: magic, count, 28, 28, then the pixels. */
    public static byte[] imagesFile(int declaredCount, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(IMAGES_MAGIC).putInt(declaredCount).putInt(28).putInt(28).put(pixels).array();
    }

    /** A labels file: magic, count, then the labels. */
    public static byte[] labelsFile(int declaredCount, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(LABELS_MAGIC).putInt(declaredCount).put(labels).array();
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * count x 784 pixel bytes a network can learn to tell apart, for {@link #labels}: dim
     * noise, and a bright bar across row 2 * label + 4, drawn a row off at random, so that
     * some images lie between two labels and leave the network in doubt.
     */
    public static byte[] barPixels(int count, long seed) {
        Random random = new Random(seed);
        byte[] labels = labels(count);
        byte[] pixels = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < PIXELS; k++) {
                pixels[i * PIXELS + k] = (byte) random.nextInt(80);
            }
            int row = 2 * labels[i] + 4 + random.nextInt(3) - 1;
            for (int x = 4; x < 24; x++) {
                pixels[i * PIXELS + row * 28 + x] = (byte) 255;
            }
        }
        return pixels;
    }

    /** A matching images + labels pair named as MNIST's are: NAME-images-idx3-ubyte[.gz]. */
    public static Path writePair(Path dir, String name, int count, long seed, boolean gzip) {
        return writePair(dir, name, imagesFile(count, pixels(count, seed)), count, gzip);
    }

    /** The same with {@link #barPixels}: images a network learns to tell apart, most of them. */
    public static Path writeBarsPair(Path dir, String name, int count, long seed) {
        return writePair(dir, name, imagesFile(count, barPixels(count, seed)), count, true);
    }

    private static Path writePair(Path dir, String name, byte[] images, int count, boolean gzip) {
        byte[] labels = labelsFile(count, labels(count));
        String suffix = gzip ? ".gz" : "";
        write(dir, name + "-labels-idx1-ubyte" + suffix, gzip ? gzip(labels) : labels);
        return write(dir, name + "-images-idx3-ubyte" + suffix, gzip ? gzip(images) : images);
    }
}
