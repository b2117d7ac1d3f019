package io.digitnet.nn;

/**
 * What a layer does with its weighted inputs z: a = f(z), applied to a block of rows
 * (one row a sample), and f'(z) for back-propagation. Softmax works on a whole row and
 * serves only as an output layer.
 */
public enum Activation {
    /** The classic 1 / (1 + e^-z): each output in (0,1). */
    SIGMOID {
        @Override
        void apply(double[] z, double[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
            }
        }

        @Override
        void multiplyByDerivative(double[] z, double[] a, double[] delta, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] *= a[i] * (1.0 - a[i]);
            }
        }
    },
    TANH {
        @Override
        void apply(double[] z, double[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = Math.tanh(z[i]);
            }
        }

        @Override
        void multiplyByDerivative(double[] z, double[] a, double[] delta, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] *= 1.0 - a[i] * a[i];
            }
        }
    },
    RELU {
        @Override
        void apply(double[] z, double[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = z[i] > 0 ? z[i] : 0.0;
            }
        }

        @Override
        void multiplyByDerivative(double[] z, double[] a, double[] delta, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                if (z[i] <= 0) {
                    delta[i] = 0.0;
                }
            }
        }
    },
    /** e^z_j / sum_k e^z_k over a row: the outputs are probabilities that add up to 1. */
    SOFTMAX {
        @Override
        void apply(double[] z, double[] a, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = from; j < from + cols; j++) {
                    max = Math.max(max, z[j]);
                }
                double sum = 0;
                for (int j = from; j < from + cols; j++) {
                    a[j] = Math.exp(z[j] - max);
                    sum += a[j];
                }
                for (int j = from; j < from + cols; j++) {
                    a[j] /= sum;
                }
            }
        }

        /** delta_j = a_j (delta_j - sum_k delta_k a_k): the softmax Jacobian applied to delta. */
        @Override
        void multiplyByDerivative(double[] z, double[] a, double[] delta, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                double dot = 0;
                for (int j = from; j < from + cols; j++) {
                    dot += delta[j] * a[j];
                }
                for (int j = from; j < from + cols; j++) {
                    delta[j] = a[j] * (delta[j] - dot);
                }
            }
        }
    };

    /** a = f(z) for a block of rows x cols values. */
    abstract void apply(double[] z, double[] a, int rows, int cols);

    /** delta = delta * f'(z) (for softmax: delta times its Jacobian), given z and a = f(z). */
    abstract void multiplyByDerivative(double[] z, double[] a, double[] delta, int rows, int cols);

    /** The lower-case name used on the command line and in model.json. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Activation of(String id) {
        for (Activation activation : values()) {
            if (activation.id().equals(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("expected sigmoid, tanh, relu or softmax, found '" + id + "'");
    }
}
