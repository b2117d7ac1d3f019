package io.digitnet.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes the report's pictures as PNG: lossless, so a weight's colour is the one drawn. */
public final class PngFiles {
    private PngFiles() {}

    /**
     * Writes {@code image} to {@code file}, replacing it. The stream is opened here rather
     * than by ImageIO, which hides why a file cannot be created; failures name the file.
     */
    public static void write(BufferedImage image, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for an image of type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
