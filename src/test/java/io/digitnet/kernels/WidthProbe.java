package io.digitnet.kernels;

import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Network;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.Loss;
import io.digitnet.nn.MiniBatches;
import io.digitnet.nn.Optimizer;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.OptimizerState;
import io.digitnet.nn.Parameters;
import io.digitnet.nn.Samples;
import io.digitnet.nn.Shift;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains and scores small networks in this JVM, whatever its vector width or vector
 * module, and writes every number that came out to the file named by its argument, part by
 * part: {@link VectorWidthTest} runs it in JVMs of other widths and compares the files.
 */
public final class WidthProbe {
    /** The parts of the file, in order, each its count of doubles and then the doubles. */
    static final String[] PARTS = {"mini-batch adam", "mini-batch sgd", "full-batch gradient", "dense forward",
        "grey forward"};
    static final Architecture[] ARCHITECTURES = {
        new Architecture(new int[] {784, 16, 16, 10}, Activation.SIGMOID, Activation.SIGMOID, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {784, 44, 10}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
        new Architecture(new int[] {61, 13, 5}, Activation.RELU, Activation.SIGMOID, Loss.QUADRATIC),
        new Architecture(new int[] {40, 200, 100, 3}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY)};
    private static final int ROWS = 600;

    private WidthProbe() {}

    public static void main(String[] args) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            out.writeBoolean(Kernels.VECTOR_MODULE);
            out.writeBoolean(Kernels.VECTOR_API);
            for (Architecture architecture : ARCHITECTURES) {
                probe(architecture, out);
            }
        }
    }

    private static void probe(Architecture architecture, DataOutputStream out) throws IOException {
        int in = architecture.inputs();
        Random random = new Random(in + architecture.out(0));
        byte[][] images = new byte[ROWS][in];
        double[] x = new double[ROWS * in];
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            int from = random.nextInt(in / 2); // ink in a band, as a digit's rows have it
            for (int k = from; k < Math.min(in, from + in / 3); k++) {
                images[r][k] = random.nextDouble() < 0.6 ? (byte) (1 + random.nextInt(255)) : 0;
                x[r * in + k] = (images[r][k] & 0xff) / 255.0;
            }
            labels[r] = random.nextInt(architecture.outputs());
        }
        Samples samples = new Samples(x, labels, in);
        for (OptimizerSettings.Kind kind : new OptimizerSettings.Kind[] {OptimizerSettings.Kind.ADAM,
                OptimizerSettings.Kind.SGD}) {
            OptimizerSettings settings = new OptimizerSettings(kind, kind == OptimizerSettings.Kind.ADAM ? 0.01 : 0.5,
                    0.9, 0.999, 1e-8, 1e-4);
            Parameters p = Parameters.initial(architecture, 7);
            Optimizer optimizer = new Optimizer(settings, OptimizerState.initial(architecture, settings));
            MiniBatches batches = new MiniBatches(architecture, 16, in == 784 ? new Shift(28, 2) : Shift.NONE);
            for (int pass = 0; pass < 2; pass++) {
                batches.pass(p, optimizer, samples, settings.learningRate(), 11 + pass);
            }
            write(out, p.flat());
        }
        Parameters p = Parameters.initial(architecture, 8);
        Parameters gradient = Parameters.zeros(architecture);
        Network pass = new Network(architecture, 64);
        for (int first = 0; first < ROWS; first += 64) {
            pass.addGradient(p, x, first, Math.min(64, ROWS - first), labels, gradient);
        }
        write(out, gradient.flat());
        double[] dense = new double[ROWS * architecture.outputs()];
        double[] grey = new double[dense.length];
        GreyImageNetwork scorer = Kernels.greyImageNetwork(architecture, p, 64);
        for (int first = 0; first < ROWS; first += 64) {
            int rows = Math.min(64, ROWS - first);
            System.arraycopy(pass.feedforward(p, x, first, rows), 0, dense, first * architecture.outputs(),
                    rows * architecture.outputs());
            byte[][] block = java.util.Arrays.copyOfRange(images, first, first + rows);
            System.arraycopy(scorer.forward(block, rows), 0, grey, first * architecture.outputs(),
                    rows * architecture.outputs());
        }
        write(out, dense);
        write(out, grey);
    }

    private static void write(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }
}
