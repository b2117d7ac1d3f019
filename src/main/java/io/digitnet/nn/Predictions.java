package io.digitnet.nn;

/** The network's answers: the brightest output neuron is the digit. */
public final class Predictions {
    private static final int BLOCK_ROWS = 512;

    private Predictions() {}

    /** The index of the largest of {@code cols} values in row {@code row} of a row-major matrix. */
    public static int argmax(double[] outputs, int row, int cols) {
        int from = row * cols;
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (outputs[from + j] > outputs[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * How many of the samples the network classifies right. With the vector API, through the
     * samples' listed non-zero inputs (kept with them: a tuning measures its validation rows
     * after every epoch of every run), as training's pass goes.
     */
    public static long correct(Architecture architecture, Parameters p, Samples samples) {
        BlockPass pass = new BlockPass(architecture, Math.min(BLOCK_ROWS, Math.max(1, samples.count)));
        Parameters inputMajor = null;
        if (BlockPass.VECTOR_API) {
            inputMajor = p.copy();
            inputMajor.firstLayerInputMajor(true);
        }
        long correct = 0;
        for (int start = 0; start < samples.count; start += pass.capacity()) {
            int rows = Math.min(pass.capacity(), samples.count - start);
            double[] outputs = inputMajor != null ? pass.forward(inputMajor, samples.nonZero(), start, rows)
                    : pass.forward(p, samples.features, start, rows);
            for (int r = 0; r < rows; r++) {
                if (argmax(outputs, r, architecture.outputs()) == samples.labels[start + r]) {
                    correct++;
                }
            }
        }
        return correct;
    }

    public static double accuracy(Architecture architecture, Parameters p, Samples samples) {
        return samples.count == 0 ? Double.NaN : (double) correct(architecture, p, samples) / samples.count;
    }
}
