package io.digitnet.nn;

/**
 * A fast path for Adam's update, whose reference is {@link Optimizer}'s loop: it updates
 * the parameters before some index, giving the reference's bits, and says where the
 * reference takes over. {@code io.digitnet.kernels.Kernels} picks the one this JVM uses.
 */
public interface AdamKernel {
    /** For a JVM without fast kernels: the reference does everything. */
    AdamKernel NONE = new AdamKernel() {
        @Override
        public int update(double[] w, double[] g, double[] m, double[] v, double scale, double decay, double b1,
                double b2, double stepSize, float eps) {
            return 0;
        }

        @Override
        public int flush(double[] values) {
            return 0;
        }
    };

    /** Adam's step (see {@link Optimizer}) on the first parameters; returns how many it updated. */
    int update(double[] w, double[] g, double[] m, double[] v, double scale, double decay, double b1, double b2,
            double stepSize, float eps);

    /** {@link Optimizer#flushed} on the first values; returns how many it flushed. */
    int flush(double[] values);
}
