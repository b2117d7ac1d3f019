package io.digitnet.data.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An image's grey levels, 0 (black) to 255 (white), one float a pixel, row by row.
 *
 * <p>Colour becomes Rec. 601 luma, 0.299 R + 0.587 G + 0.114 B, taken on the stored
 * (gamma-encoded) values: the weights JPEG itself uses for its Y channel, so a colour
 * JPEG's grey is the grey it was compressed as. Transparency is laid over white, as a
 * transparent background is the paper the digit was written on.
 */
final class GreyLevels {
    private static final float WHITE = 255f;
    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private GreyLevels() {}

    static float[] of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        boolean plainSamples = !(model instanceof IndexColorModel)
                && (space.getType() == ColorSpace.TYPE_GRAY || space.isCS_sRGB())
                && integerSamples(model);
        return plainSamples ? fromSamples(image, model) : fromRgb(image);
    }

    /** Samples of up to 16 bits: what fits the int arrays and masks of fromSamples. */
    private static boolean integerSamples(ColorModel model) {
        int transfer = model.getTransferType();
        if (transfer != DataBuffer.TYPE_BYTE && transfer != DataBuffer.TYPE_USHORT && transfer != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int bits : model.getComponentSize()) {
            if (bits > 16) {
                return false;
            }
        }
        return true;
    }

    /**
     * Grey and sRGB images (all that PNG and JPEG decode to, but palettes) are read from
     * their samples: a few times faster than getRGB, which converts pixel by pixel. It is
     * also right for grey: Java2D takes a grey image's colour space to be linear and getRGB
     * would brighten every mid grey, while a file's greys are encoded as its RGB values are.
     */
    private static float[] fromSamples(BufferedImage image, ColorModel model) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int colours = model.getNumColorComponents();
        boolean alpha = model.hasAlpha();
        boolean premultiplied = model.isAlphaPremultiplied();
        float[] units = new float[bands];
        for (int band = 0; band < bands; band++) {
            units[band] = (alpha && band == colours ? 1f : WHITE) / ((1 << model.getComponentSize(band)) - 1);
        }
        float[] levels = new float[width * height];
        Bytes bytes = Bytes.of(raster);
        if (bytes != null && !alpha) {
            bytes.levels(width, height, units, levels);
            return levels;
        }
        int[] samples = new int[width * bands];
        for (int y = 0; y < height; y++) {
            if (bytes != null) {
                bytes.row(y, width, samples);
            } else {
                raster.getPixels(0, y, width, 1, samples);
            }
            int row = y * width;
            for (int x = 0, s = 0; x < width; x++, s += bands) {
                float level = colours == 1
                        ? samples[s] * units[0]
                        : luma(samples[s], samples[s + 1], samples[s + 2], units[0], units[1], units[2]);
                if (alpha) {
                    float opacity = samples[s + colours] * units[colours];
                    level = (premultiplied ? level : opacity * level) + (1 - opacity) * WHITE;
                }
                levels[row + x] = level;
            }
        }
        return levels;
    }

    /**
     * The samples of a raster of bytes, one band after another in each pixel (all that the
     * readers make of 8-bit PNG and JPEG), read straight from its array: Raster.getPixels
     * goes through the sample model a sample at a time, a third of a scan's normalisation.
     */
    private record Bytes(byte[] data, int offset, int pixelStride, int scanlineStride, int[] bandOffsets) {
        static Bytes of(Raster raster) {
            if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                    || !(raster.getSampleModel() instanceof ComponentSampleModel model)
                    || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
                return null;
            }
            for (int bank : model.getBankIndices()) {
                if (bank != 0) {
                    return null;
                }
            }
            return new Bytes(buffer.getData(), buffer.getOffset(), model.getPixelStride(), model.getScanlineStride(),
                    model.getBandOffsets());
        }

        /** The grey levels of an image of these samples without alpha: 1 band grey, 3 colour. */
        void levels(int width, int height, float[] units, float[] levels) {
            // In locals: read from the arrays inside the loop, they cost a third of the loop's time.
            byte[] samples = data;
            int stride = pixelStride;
            float unit0 = units[0];
            // Each band's term of the luma for each of its 256 samples, looked up: the same
            // products, summed in the same order, as luma() computes pixel by pixel.
            float[] red = new float[256];
            float[] green = new float[256];
            float[] blue = new float[256];
            if (bandOffsets.length == 3) {
                for (int sample = 0; sample < 256; sample++) {
                    red[sample] = RED * sample * units[0];
                    green[sample] = GREEN * sample * units[1];
                    blue[sample] = BLUE * sample * units[2];
                }
            }
            for (int y = 0; y < height; y++) {
                int row = y * width;
                int start = offset + y * scanlineStride;
                if (bandOffsets.length == 1) {
                    for (int x = 0, from = start + bandOffsets[0]; x < width; x++, from += stride) {
                        levels[row + x] = (samples[from] & 0xff) * unit0;
                    }
                } else {
                    for (int x = 0, r = start + bandOffsets[0], g = start + bandOffsets[1], b = start + bandOffsets[2];
                            x < width; x++, r += stride, g += stride, b += stride) {
                        levels[row + x] = red[samples[r] & 0xff] + green[samples[g] & 0xff] + blue[samples[b] & 0xff];
                    }
                }
            }
        }

        /** Row y's samples, as Raster.getPixels gives them: band by band for each pixel. */
        void row(int y, int width, int[] samples) {
            int bands = bandOffsets.length;
            int start = offset + y * scanlineStride;
            for (int b = 0; b < bands; b++) {
                for (int x = 0, from = start + bandOffsets[b], to = b; x < width; x++, from += pixelStride, to += bands) {
                    samples[to] = data[from] & 0xff;
                }
            }
        }
    }

    /** Rec. 601 luma of samples, each scaled by its unit to 0..255. */
    private static float luma(int red, int green, int blue, float redUnit, float greenUnit, float blueUnit) {
        return RED * red * redUnit + GREEN * green * greenUnit + BLUE * blue * blueUnit;
    }

    /** Palettes and other colour spaces through getRGB: 8-bit sRGB, not premultiplied. */
    private static float[] fromRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] levels = new float[width * height];
        int[] argbs = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argbs, 0, width);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int argb = argbs[x];
                float luma = luma((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, 1f, 1f, 1f);
                float opacity = (argb >>> 24) / 255f;
                levels[row + x] = opacity * luma + (1 - opacity) * WHITE;
            }
        }
        return levels;
    }
}
