package io.digitnet.data.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The bytes of a PNG or JPEG file into an image, or the reason why not. The format is
 * told by the file's first bytes, so only that format's reader is tried, and anything
 * else (GIF, BMP, text, an empty file) is rejected rather than decoded by whichever
 * reader happens to accept it.
 */
final class ImageDecoder {
    /**
     * A page larger than this is refused before its pixels are decoded: a few kilobytes of
     * PNG can declare a 50000x50000 image, and decoding it would take an executor's heap.
     * 40 megapixels is more than an A4 page scanned at 600 dpi.
     */
    private static final long MAX_PIXELS = 40_000_000L;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private ImageDecoder() {}

    static BufferedImage decode(byte[] file) throws UnreadableImageException {
        if (file.length == 0) {
            throw new UnreadableImageException("empty file");
        }
        String format = startsWith(file, PNG_SIGNATURE) ? "PNG" : startsWith(file, JPEG_SIGNATURE) ? "JPEG" : null;
        if (format == null) {
            throw new UnreadableImageException("not a PNG or JPEG image");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        // The JPEG reader fills in what a cut-off file lacks and only warns: a digit so
        // completed is not the one written, so a warning rejects the file as an error does.
        AtomicBoolean warned = new AtomicBoolean();
        reader.addIIOReadWarningListener((source, warning) -> warned.set(true));
        // A stream over the bytes in memory: ImageIO's default stream could put a cache file
        // in the temporary folder of every executor, for data that is in memory already.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in, true, true);
            // The readers refuse a width or height of 0 themselves, as damaged data.
            if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                throw new UnreadableImageException("image is too large");
            }
            BufferedImage image = reader.read(0);
            if (warned.get()) {
                throw new UnreadableImageException("unreadable " + format + " image");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            // ImageIO's readers fail on damaged data with IIOException and with whatever a
            // bad length or index leads to (array bounds, illegal arguments): all the same here.
            throw new UnreadableImageException("unreadable " + format + " image");
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] file, byte[] signature) {
        return file.length >= signature.length
                && Arrays.equals(file, 0, signature.length, signature, 0, signature.length);
    }
}
