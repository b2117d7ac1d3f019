package io.digitnet.data.images;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
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
            ImageReadParam param = reader.getDefaultReadParam();
            param.setDestination(bandsInOrder(reader));
            BufferedImage image = reader.read(0, param);
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

    /**
     * An image of the reader's own type for the file, but with its bands stored in order (R,
     * G, B), or null to let the reader make its own. The readers decode each row in band order
     * and copy it into the image: into the B, G, R order of their default colour type
     * (TYPE_3BYTE_BGR) pixel by pixel through Java2D, half of a scan's decoding (measured),
     * into this a row at a time. The colour model, so every sample and colour, is the same.
     */
    private static BufferedImage bandsInOrder(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            return null; // the reader refuses the file itself
        }
        ImageTypeSpecifier type = types.next();
        if (!(type.getSampleModel() instanceof PixelInterleavedSampleModel interleaved)
                || interleaved.getDataType() != DataBuffer.TYPE_BYTE) {
            return null;
        }
        int bands = interleaved.getNumBands();
        int[] inOrder = IntStream.range(0, bands).toArray();
        if (Arrays.equals(interleaved.getBandOffsets(), inOrder)) {
            return null;
        }
        int width = reader.getWidth(0);
        ColorModel colours = type.getColorModel();
        WritableRaster raster = Raster.createWritableRaster(new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE,
                width, reader.getHeight(0), bands, width * bands, inOrder), null);
        return new BufferedImage(colours, raster, colours.isAlphaPremultiplied(), null);
    }

    private static boolean startsWith(byte[] file, byte[] signature) {
        return file.length >= signature.length
                && Arrays.equals(file, 0, signature.length, signature, 0, signature.length);
    }
}
