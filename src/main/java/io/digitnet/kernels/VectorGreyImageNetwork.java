package io.digitnet.kernels;

import io.digitnet.nn.Architecture;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.Parameters;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GreyImageNetwork}'s products in vectors whose lanes are neurons: each lane runs
 * one neuron's chain of multiply-adds over the inputs in order, as the reference does, so
 * the result is the reference's, bit for bit, whatever the vector width. The weights are
 * kept input-major (input k's weights to every neuron side by side, padded with zeros to
 * whole vectors); the first layer takes 4 images at a time, so that each weight vector
 * loaded serves all four (figures: BENCHMARKS.md, "Kernels with the same bits at every
 * vector width").
 */
final class VectorGreyImageNetwork extends GreyImageNetwork {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();
    /** Images a tile of the first layer computes together. */
    private static final int IMAGES = 4;

    /** Per layer: W transposed (in x padded out, zeros past out). */
    private final float[][] inputMajor;
    /** Per layer: b padded with zeros to whole vectors. */
    private final float[][] paddedBiases;
    private final int[] padded;
    /** z of one row, padded to whole vectors. */
    private final float[] row;
    /** A tile's images' grey levels as floats. */
    private final float[][] greys;
    /** A tile's first-layer z, one row an image, padded to whole vectors. */
    private final float[][] tile;

    VectorGreyImageNetwork(Architecture architecture, Parameters p, int capacity) {
        super(architecture, p, capacity);
        int layers = architecture.layers();
        inputMajor = new float[layers][];
        paddedBiases = new float[layers][];
        padded = new int[layers];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int in = architecture.in(l);
            int out = architecture.out(l);
            padded[l] = (out + WIDTH - 1) / WIDTH * WIDTH;
            widest = Math.max(widest, padded[l]);
            inputMajor[l] = new float[in * padded[l]];
            for (int n = 0; n < out; n++) {
                for (int k = 0; k < in; k++) {
                    inputMajor[l][k * padded[l] + n] = weights[l][n * in + k];
                }
            }
            paddedBiases[l] = java.util.Arrays.copyOf(biases[l], padded[l]);
        }
        row = new float[widest];
        greys = new float[IMAGES][architecture.in(0)];
        tile = new float[IMAGES][padded[0]];
    }

    @Override
    protected void firstLayer(byte[][] images, int count, float[] z) {
        int in = architecture.in(0);
        int out = architecture.out(0);
        for (int first = 0; first < count; first += IMAGES) {
            int tileImages = Math.min(IMAGES, count - first);
            for (int i = 0; i < IMAGES; i++) {
                float[] levels = greys[i];
                if (i < tileImages) {
                    byte[] image = images[first + i];
                    for (int k = 0; k < in; k++) {
                        levels[k] = image[k] & 0xff;
                    }
                } else {
                    java.util.Arrays.fill(levels, 0f); // a partial tile's missing images: computed, not kept
                }
            }
            int c = 0;
            for (; c + 2 * WIDTH <= padded[0]; c += 2 * WIDTH) {
                tile2(c);
            }
            for (; c < padded[0]; c += WIDTH) {
                tile1(c);
            }
            for (int i = 0; i < tileImages; i++) {
                System.arraycopy(tile[i], 0, z, (first + i) * out, out);
            }
        }
    }

    /**
     * 4 images x 2 vectors of neurons from c: 8 chains, each weight vector loaded once for
     * the 4 images. Every input is multiplied, 0 or not: skipping the blank ones cost more
     * in listing them than it saved on MNIST's digits (measured).
     */
    private void tile2(int c) {
        float[] w = inputMajor[0];
        int stride = padded[0];
        float[] g0 = greys[0];
        float[] g1 = greys[1];
        float[] g2 = greys[2];
        float[] g3 = greys[3];
        FloatVector a0 = FloatVector.fromArray(LANES, paddedBiases[0], c);
        FloatVector a1 = FloatVector.fromArray(LANES, paddedBiases[0], c + WIDTH);
        FloatVector b0 = a0;
        FloatVector b1 = a1;
        FloatVector c0 = a0;
        FloatVector c1 = a1;
        FloatVector d0 = a0;
        FloatVector d1 = a1;
        for (int k = 0, at = c; k < g0.length; k++, at += stride) {
            FloatVector v0 = FloatVector.fromArray(LANES, w, at);
            FloatVector v1 = FloatVector.fromArray(LANES, w, at + WIDTH);
            FloatVector x = FloatVector.broadcast(LANES, g0[k]);
            a0 = v0.fma(x, a0);
            a1 = v1.fma(x, a1);
            x = FloatVector.broadcast(LANES, g1[k]);
            b0 = v0.fma(x, b0);
            b1 = v1.fma(x, b1);
            x = FloatVector.broadcast(LANES, g2[k]);
            c0 = v0.fma(x, c0);
            c1 = v1.fma(x, c1);
            x = FloatVector.broadcast(LANES, g3[k]);
            d0 = v0.fma(x, d0);
            d1 = v1.fma(x, d1);
        }
        a0.intoArray(tile[0], c);
        a1.intoArray(tile[0], c + WIDTH);
        b0.intoArray(tile[1], c);
        b1.intoArray(tile[1], c + WIDTH);
        c0.intoArray(tile[2], c);
        c1.intoArray(tile[2], c + WIDTH);
        d0.intoArray(tile[3], c);
        d1.intoArray(tile[3], c + WIDTH);
    }

    /** The same for the last vector of neurons when their count is odd. */
    private void tile1(int c) {
        float[] w = inputMajor[0];
        int stride = padded[0];
        float[] g0 = greys[0];
        float[] g1 = greys[1];
        float[] g2 = greys[2];
        float[] g3 = greys[3];
        FloatVector a = FloatVector.fromArray(LANES, paddedBiases[0], c);
        FloatVector b = a;
        FloatVector d = a;
        FloatVector e = a;
        for (int k = 0, at = c; k < g0.length; k++, at += stride) {
            FloatVector v = FloatVector.fromArray(LANES, w, at);
            a = v.fma(FloatVector.broadcast(LANES, g0[k]), a);
            b = v.fma(FloatVector.broadcast(LANES, g1[k]), b);
            d = v.fma(FloatVector.broadcast(LANES, g2[k]), d);
            e = v.fma(FloatVector.broadcast(LANES, g3[k]), e);
        }
        a.intoArray(tile[0], c);
        b.intoArray(tile[1], c);
        d.intoArray(tile[2], c);
        e.intoArray(tile[3], c);
    }

    @Override
    protected void layer(int l, float[] a, int count, float[] z) {
        int in = architecture.in(l);
        int out = architecture.out(l);
        for (int r = 0; r < count; r++) {
            chains(l, a, r * in);
            System.arraycopy(row, 0, z, r * out, out);
        }
    }

    /**
     * Layer l's z for one row into {@link #row}: every neuron's chain from its bias over the
     * activations a[from ..] of the layer before. Up to 4 vectors of neurons share a pass.
     */
    private void chains(int l, float[] a, int from) {
        float[] w = inputMajor[l];
        float[] b = paddedBiases[l];
        int stride = padded[l];
        int entries = architecture.in(l);
        int c = 0;
        for (; c + 4 * WIDTH <= stride; c += 4 * WIDTH) {
            FloatVector s0 = FloatVector.fromArray(LANES, b, c);
            FloatVector s1 = FloatVector.fromArray(LANES, b, c + WIDTH);
            FloatVector s2 = FloatVector.fromArray(LANES, b, c + 2 * WIDTH);
            FloatVector s3 = FloatVector.fromArray(LANES, b, c + 3 * WIDTH);
            for (int e = 0, at = c; e < entries; e++, at += stride) {
                FloatVector x = FloatVector.broadcast(LANES, a[from + e]);
                s0 = FloatVector.fromArray(LANES, w, at).fma(x, s0);
                s1 = FloatVector.fromArray(LANES, w, at + WIDTH).fma(x, s1);
                s2 = FloatVector.fromArray(LANES, w, at + 2 * WIDTH).fma(x, s2);
                s3 = FloatVector.fromArray(LANES, w, at + 3 * WIDTH).fma(x, s3);
            }
            s0.intoArray(row, c);
            s1.intoArray(row, c + WIDTH);
            s2.intoArray(row, c + 2 * WIDTH);
            s3.intoArray(row, c + 3 * WIDTH);
        }
        for (; c < stride; c += WIDTH) {
            FloatVector s = FloatVector.fromArray(LANES, b, c);
            for (int e = 0, at = c; e < entries; e++, at += stride) {
                s = FloatVector.fromArray(LANES, w, at).fma(FloatVector.broadcast(LANES, a[from + e]), s);
            }
            s.intoArray(row, c);
        }
    }
}
