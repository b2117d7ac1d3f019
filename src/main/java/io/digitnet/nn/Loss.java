package io.digitnet.nn;

/**
 * The cost of the output activations against the one-hot label, and its gradient with
 * respect to the output layer's z (delta_L), for a block of rows.
 */
public enum Loss {
    /**
     * Cross-entropy. With sigmoid outputs, the sum over outputs of
     * -[y ln a + (1-y) ln(1-a)]; with softmax, -ln a_label. Either way delta_L = a - y.
     * The value is computed from z, so that it stays finite when a saturates.
     */
    CROSS_ENTROPY {
        @Override
        double outputDelta(Activation output, double[] z, double[] a, int[] labels, int labelOffset, int rows,
                int cols, double[] delta) {
            double loss = 0;
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                int label = labels[labelOffset + r];
                if (output == Activation.SOFTMAX) {
                    loss += logSumExp(z, from, cols) - z[from + label];
                } else {
                    for (int j = 0; j < cols; j++) {
                        double zj = z[from + j];
                        // -[y ln s(z) + (1-y) ln(1-s(z))] = softplus(z) - y z
                        loss += Math.max(zj, 0) + Math.log1p(Math.exp(-Math.abs(zj))) - (j == label ? zj : 0);
                    }
                }
                for (int j = 0; j < cols; j++) {
                    delta[from + j] = a[from + j] - (j == label ? 1.0 : 0.0);
                }
            }
            return loss;
        }
    },
    /** The quadratic cost of the classic explanation: 1/2 sum (a - y)^2; delta_L = (a - y) f'(z). */
    QUADRATIC {
        @Override
        double outputDelta(Activation output, double[] z, double[] a, int[] labels, int labelOffset, int rows,
                int cols, double[] delta) {
            double loss = 0;
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                int label = labels[labelOffset + r];
                for (int j = 0; j < cols; j++) {
                    double error = a[from + j] - (j == label ? 1.0 : 0.0);
                    loss += 0.5 * error * error;
                    delta[from + j] = error;
                }
            }
            output.multiplyByDerivative(z, a, delta, rows, cols);
            return loss;
        }
    };

    /**
     * Fills delta (rows x cols) with dLoss/dz for the output layer and returns the loss
     * summed over the block.
     */
    abstract double outputDelta(Activation output, double[] z, double[] a, int[] labels, int labelOffset, int rows,
            int cols, double[] delta);

    private static double logSumExp(double[] z, int from, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + cols; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = from; j < from + cols; j++) {
            sum += Math.exp(z[j] - max);
        }
        return max + Math.log(sum);
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Loss of(String id) {
        for (Loss loss : values()) {
            if (loss.id().equals(id)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("expected cross-entropy or quadratic, found '" + id + "'");
    }
}
