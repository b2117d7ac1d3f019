package io.digitnet.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update of {@link Optimizer} a vector of parameters at a time: the same
 * operations in the same order, without fused multiply-adds, so every lane is rounded
 * exactly as the scalar loop rounds it and the two give the same bits. Adam touches every
 * parameter every batch, so once the first layer ran in vectors it was a fifth of the
 * training time in scalar code. Only loaded where the jdk.incubator.vector module is
 * present ({@link BlockPass#VECTOR_API}).
 */
final class VectorAdam {
    private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_PREFERRED;

    private VectorAdam() {}

    /**
     * Updates the parameters before the last whole vector (see {@link Optimizer} for the
     * formula); returns where the scalar loop takes over.
     */
    static int update(double[] w, double[] g, double[] m, double[] v, double scale, double decay, double b1,
            double b2, double stepSize, double eps) {
        int upper = LANES.loopBound(w.length);
        for (int i = 0; i < upper; i += LANES.length()) {
            DoubleVector weights = DoubleVector.fromArray(LANES, w, i);
            DoubleVector gi = DoubleVector.fromArray(LANES, g, i).mul(scale).add(weights.mul(decay));
            DoubleVector mi = DoubleVector.fromArray(LANES, m, i).mul(b1).add(gi.mul(1 - b1));
            DoubleVector vi = DoubleVector.fromArray(LANES, v, i).mul(b2).add(gi.mul(1 - b2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            weights.sub(mi.mul(stepSize).div(vi.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, i);
        }
        return upper;
    }
}
