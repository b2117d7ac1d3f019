package io.digitnet.nn;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's weighted inputs z = W (g / 255) + b straight from grey bytes g
 * (0..255), the form scans and ingest's table hold images in: no block of doubles is made,
 * the bytes become floats inside the vector registers, and tiles of 4 images x 4
 * neurons share every load. 0.33 µs an image for 784x16, where decoding to doubles took
 * 0.42 µs and netlib's dgemm 2.0 µs more (a double-precision vector-API kernel, 0.66;
 * measured). Single precision: z is within ~1e-6 of the double sum, so an image whose two
 * best outputs are that close may get the other one.
 *
 * <p>The bytes convert as signed values, so they are flipped by 128 first (g ^ 0x80 =
 * g - 128 as a signed byte) and 128 W/255 is added back with the bias. Only loaded where
 * the jdk.incubator.vector module is present ({@link BlockPass#VECTOR_API}).
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
    /** W / 255, neurons x inputs row-major. */
    private final float[] weights;
    /** b + 128 W / 255 summed over the inputs: the bias with the byte flip undone. */
    private final double[] offsets;

    /** The first layer of {@code p}, for an architecture whose inputs are grey levels. */
    public GreyPixelLayer(Architecture architecture, Parameters p) {
        inputs = architecture.in(0);
        neurons = architecture.out(0);
        weights = new float[inputs * neurons];
        offsets = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            double flipped = 0;
            for (int k = 0; k < inputs; k++) {
                double w = p.weights[0][j * inputs + k] / 255.0;
                weights[j * inputs + k] = (float) w;
                flipped += 128 * w;
            }
            offsets[j] = p.biases[0][j] + flipped;
        }
    }

    /** Writes the weighted inputs of {@code count} images (rows x neurons, row-major) to z. */
    public void weightedInputs(byte[][] images, int count, float[] z) {
        int r = 0;
        for (; r + IMAGES <= count; r += IMAGES) {
            int j = 0;
            for (; j + NEURONS <= neurons; j += NEURONS) {
                tile(images, r, j, z);
            }
            for (int image = r; image < r + IMAGES; image++) {
                sums(images[image], j, z, image * neurons);
            }
        }
        for (; r < count; r++) {
            sums(images[r], 0, z, r * neurons);
        }
    }

    /**
     * 4 images x 4 neurons (in double precision this tiling ran 1.3x faster than 2 x 4,
     * measured). The 16 sums are plain locals, not an array: C2 keeps locals in vector
     * registers, whereas an array of vectors makes it box every one (measured 4x slower
     * than dgemm).
     */
    private void tile(byte[][] images, int first, int neuron, float[] z) {
        byte[] g0 = images[first];
        byte[] g1 = images[first + 1];
        byte[] g2 = images[first + 2];
        byte[] g3 = images[first + 3];
        int w0 = neuron * inputs;
        int w1 = w0 + inputs;
        int w2 = w1 + inputs;
        int w3 = w2 + inputs;
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
        int k = 0;
        for (int upper = BYTES.loopBound(inputs); k < upper; k += BYTES.length()) {
            FloatVector v0 = FloatVector.fromArray(FLOATS, weights, w0 + k);
            FloatVector v1 = FloatVector.fromArray(FLOATS, weights, w1 + k);
            FloatVector v2 = FloatVector.fromArray(FLOATS, weights, w2 + k);
            FloatVector v3 = FloatVector.fromArray(FLOATS, weights, w3 + k);
            FloatVector x = flipped(g0, k);
            s00 = x.fma(v0, s00);
            s01 = x.fma(v1, s01);
            s02 = x.fma(v2, s02);
            s03 = x.fma(v3, s03);
            x = flipped(g1, k);
            s10 = x.fma(v0, s10);
            s11 = x.fma(v1, s11);
            s12 = x.fma(v2, s12);
            s13 = x.fma(v3, s13);
            x = flipped(g2, k);
            s20 = x.fma(v0, s20);
            s21 = x.fma(v1, s21);
            s22 = x.fma(v2, s22);
            s23 = x.fma(v3, s23);
            x = flipped(g3, k);
            s30 = x.fma(v0, s30);
            s31 = x.fma(v1, s31);
            s32 = x.fma(v2, s32);
            s33 = x.fma(v3, s33);
        }
        double[] sums = {
            total(s00), total(s01), total(s02), total(s03), total(s10), total(s11), total(s12), total(s13),
            total(s20), total(s21), total(s22), total(s23), total(s30), total(s31), total(s32), total(s33)};
        for (int i = 0; i < IMAGES; i++) {
            byte[] grey = images[first + i];
            for (int j = 0; j < NEURONS; j++) {
                z[(first + i) * neurons + neuron + j] = (float) (sums[i * NEURONS + j]
                        + tail(grey, k, (neuron + j) * inputs) + offsets[neuron + j]);
            }
        }
    }

    /** Neurons [from, neurons) of one image, one at a time. */
    private void sums(byte[] grey, int from, float[] z, int at) {
        for (int j = from; j < neurons; j++) {
            FloatVector sum = FloatVector.zero(FLOATS);
            int k = 0;
            for (int upper = BYTES.loopBound(inputs); k < upper; k += BYTES.length()) {
                sum = flipped(grey, k).fma(FloatVector.fromArray(FLOATS, weights, j * inputs + k), sum);
            }
            z[at + j] = (float) (total(sum) + tail(grey, k, j * inputs) + offsets[j]);
        }
    }

    /** A vector's worth of grey levels from {@code k}, as floats g - 128. */
    private static FloatVector flipped(byte[] grey, int k) {
        return (FloatVector) ByteVector.fromArray(BYTES, grey, k).lanewise(VectorOperators.XOR, (byte) 0x80)
                .convertShape(VectorOperators.B2F, FLOATS, 0);
    }

    /** The inputs past the last whole vector, in the same flipped form. */
    private double tail(byte[] grey, int from, int weightRow) {
        double sum = 0;
        for (int k = from; k < inputs; k++) {
            sum += ((grey[k] & 0xff) - 128) * (double) weights[weightRow + k];
        }
        return sum;
    }

    private static double total(FloatVector lanes) {
        return lanes.reduceLanes(VectorOperators.ADD);
    }
}
