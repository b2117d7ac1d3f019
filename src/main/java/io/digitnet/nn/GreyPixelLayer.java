package io.digitnet.nn;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's weighted inputs z = W (g / 255) + b straight from grey bytes g
 * (0..255), the form scans and ingest's table hold images in: no block of doubles is made.
 * Four images at a time become floats in a small buffer, and tiles of 4 images x 4
 * neurons share every load. 0.50 µs an image for 784x16 on a machine where converting the
 * bytes inside every tile took 0.57 µs and netlib's dgemm on doubles 2.0 µs more
 * (measured). Single precision: z is within ~1e-6 of the double sum, so an image whose two
 * best outputs are that close may get the other one.
 *
 * <p>The bytes convert as signed values, so they are flipped by 128 first (g ^ 0x80 =
 * g - 128 as a signed byte) and 128 W/255 is added back with the bias. Inputs and neurons
 * are padded with zero weights to whole vectors and tiles, so there is no remainder loop.
 * Only loaded where the jdk.incubator.vector module is present ({@link BlockPass#VECTOR_API}).
 * Not thread-safe: one per task.
 */
public final class GreyPixelLayer {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as FLOATS has lanes (16 with AVX-512, 8 with AVX2), converted in one step. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));
    private static final int IMAGES = 4;
    private static final int NEURONS = 4;

    private final int inputs;
    private final int neurons;
    /** Inputs rounded up to whole vectors. */
    private final int paddedInputs;
    /** W / 255, neurons (rounded up to whole tiles) x paddedInputs row-major, zeros in the padding. */
    private final float[] weights;
    /** b + 128 W / 255 summed over the inputs: the bias with the byte flip undone. */
    private final double[] offsets;
    /** The tile's images as flipped floats, zeros past the inputs. */
    private final float[][] flipped = new float[IMAGES][];
    /** One vector's lanes, for {@link #total}. */
    private final float[] lanes = new float[FLOATS.length()];

    /** The first layer of {@code p}, for an architecture whose inputs are grey levels. */
    public GreyPixelLayer(Architecture architecture, Parameters p) {
        inputs = architecture.in(0);
        neurons = architecture.out(0);
        paddedInputs = FLOATS.loopBound(inputs + FLOATS.length() - 1);
        weights = new float[(neurons + NEURONS - 1) / NEURONS * NEURONS * paddedInputs];
        offsets = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            double flip = 0;
            for (int k = 0; k < inputs; k++) {
                double w = p.weights[0][j * inputs + k] / 255.0;
                weights[j * paddedInputs + k] = (float) w;
                flip += 128 * w;
            }
            offsets[j] = p.biases[0][j] + flip;
        }
        for (int i = 0; i < IMAGES; i++) {
            flipped[i] = new float[paddedInputs];
        }
    }

    /** Writes the weighted inputs of {@code count} images (rows x neurons, row-major) to z. */
    public void weightedInputs(byte[][] images, int count, float[] z) {
        for (int first = 0; first < count; first += IMAGES) {
            int tileImages = Math.min(IMAGES, count - first);
            for (int i = 0; i < tileImages; i++) {
                flip(images[first + i], flipped[i]);
            }
            for (int neuron = 0; neuron < neurons; neuron += NEURONS) {
                tile(first, tileImages, neuron, z);
            }
        }
    }

    /** g - 128 as floats, a vector at a time (the padding stays zero). */
    private void flip(byte[] grey, float[] into) {
        int k = 0;
        for (int upper = BYTES.loopBound(inputs); k < upper; k += BYTES.length()) {
            ((FloatVector) ByteVector.fromArray(BYTES, grey, k).lanewise(VectorOperators.XOR, (byte) 0x80)
                    .convertShape(VectorOperators.B2F, FLOATS, 0)).intoArray(into, k);
        }
        for (; k < inputs; k++) {
            into[k] = (grey[k] & 0xff) - 128;
        }
    }

    /**
     * 4 images x 4 neurons (in double precision this tiling ran 1.3x faster than 2 x 4,
     * measured); a tile with fewer images computes all four and keeps its own. The 16 sums
     * are plain locals, not an array: C2 keeps locals in vector registers, whereas an array
     * of vectors makes it box every one (measured 4x slower than dgemm).
     */
    private void tile(int first, int tileImages, int neuron, float[] z) {
        float[] g0 = flipped[0];
        float[] g1 = flipped[1];
        float[] g2 = flipped[2];
        float[] g3 = flipped[3];
        int w0 = neuron * paddedInputs;
        int w1 = w0 + paddedInputs;
        int w2 = w1 + paddedInputs;
        int w3 = w2 + paddedInputs;
        FloatVector s00 = FloatVector.zero(FLOATS);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s22 = s00;
        FloatVector s23 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s32 = s00;
        FloatVector s33 = s00;
        for (int k = 0; k < paddedInputs; k += FLOATS.length()) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, weights, w0 + k);
            FloatVector v1 = FloatVector.fromArray(FLOATS, weights, w1 + k);
            FloatVector v2 = FloatVector.fromArray(FLOATS, weights, w2 + k);
            FloatVector v3 = FloatVector.fromArray(FLOATS, weights, w3 + k);
            FloatVector x = FloatVector.fromArray(FLOATS, g0, k);
            s00 = x.fma(v0, s00);
            s01 = x.fma(v1, s01);
            s02 = x.fma(v2, s02);
            s03 = x.fma(v3, s03);
            x = FloatVector.fromArray(FLOATS, g1, k);
            s10 = x.fma(v0, s10);
            s11 = x.fma(v1, s11);
            s12 = x.fma(v2, s12);
            s13 = x.fma(v3, s13);
            x = FloatVector.fromArray(FLOATS, g2, k);
            s20 = x.fma(v0, s20);
            s21 = x.fma(v1, s21);
            s22 = x.fma(v2, s22);
            s23 = x.fma(v3, s23);
            x = FloatVector.fromArray(FLOATS, g3, k);
            s30 = x.fma(v0, s30);
            s31 = x.fma(v1, s31);
            s32 = x.fma(v2, s32);
            s33 = x.fma(v3, s33);
        }
        float[] sums = {
            total(s00), total(s01), total(s02), total(s03), total(s10), total(s11), total(s12), total(s13),
            total(s20), total(s21), total(s22), total(s23), total(s30), total(s31), total(s32), total(s33)};
        for (int i = 0; i < tileImages; i++) {
            for (int j = 0; j < NEURONS && neuron + j < neurons; j++) {
                z[(first + i) * neurons + neuron + j] = (float) (sums[i * NEURONS + j] + offsets[neuron + j]);
            }
        }
    }

    /**
     * The lanes' sum, added in lane order: reduceLanes(ADD) may add them in any order, and
     * its order differs between interpreted and compiled code, so a task's first images
     * could score a bit apart from the same images later or in a re-run task.
     */
    private float total(FloatVector vector) {
        vector.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }
}
