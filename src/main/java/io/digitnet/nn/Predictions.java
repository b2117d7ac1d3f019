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
     * How many of the samples the network classifies right, through their non-zero inputs
     * listed a block at a time, as training's pass goes.
     */
    public static long correct(Architecture architecture, Parameters p, Samples samples) {
        long[] correct = {0};
        answer(architecture, p, samples, (sample, prediction, confidence) -> {
            if (prediction == samples.labels[sample]) {
                correct[0]++;
            }
        });
        return correct[0];
    }

    public static double accuracy(Architecture architecture, Parameters p, Samples samples) {
        return samples.count == 0 ? Double.NaN : (double) correct(architecture, p, samples) / samples.count;
    }

    /**
     * The samples' answers (digit and confidence) and whether each is right, counted in an
     * acceptance curve; through the same pass as {@link #correct}.
     */
    public static AcceptanceCurve acceptance(Architecture architecture, Parameters p, Samples samples) {
        return tally(architecture, p, samples).curve();
    }

    /** The same answers counted in a tally, which tallies of other samples add to. */
    public static AcceptanceCurve.Tally tally(Architecture architecture, Parameters p, Samples samples) {
        AcceptanceCurve.Tally tally = new AcceptanceCurve.Tally();
        answer(architecture, p, samples, (sample, prediction, confidence) ->
                tally.add(confidence, prediction == samples.labels[sample]));
        return tally;
    }

    /** What the network answers for one sample: its brightest output and that output's activation. */
    private interface Answers {
        void answer(int sample, int prediction, double confidence);
    }

    /** Runs the samples through the network a block at a time and tells {@code each} every sample's answer. */
    private static void answer(Architecture architecture, Parameters p, Samples samples, Answers each) {
        Network pass = new Network(architecture, Math.min(BLOCK_ROWS, Math.max(1, samples.count)));
        Parameters inputMajor = p.withFirstLayerInputMajor();
        int outputs = architecture.outputs();
        NonZeroRows listed = new NonZeroRows(pass.capacity(), samples.width);
        for (int start = 0; start < samples.count; start += pass.capacity()) {
            int rows = Math.min(pass.capacity(), samples.count - start);
            samples.nonZero().list(start, rows, listed);
            double[] activations = pass.feedforward(inputMajor, listed, 0, rows);
            for (int r = 0; r < rows; r++) {
                int prediction = argmax(activations, r, outputs);
                each.answer(start + r, prediction, activations[r * outputs + prediction]);
            }
        }
    }
}
