package io.digitnet.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class NetworkTest {

    static Stream<Arguments> everyCombination() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            for (Activation output : new Activation[] {Activation.SIGMOID, Activation.SOFTMAX}) {
                for (Loss loss : Loss.values()) {
                    all.add(Arguments.of(hidden, output, loss));
                }
            }
        }
        return all.build();
    }

    /** The loss summed over a block, as a function of the parameters. */
    private static double loss(Architecture a, Parameters p, double[] x, int rows, int[] labels) {
        return new Network(a, rows).addGradient(p, x, 0, rows, labels, Parameters.zeros(a));
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("everyCombination")
    void gradientMatchesFiniteDifferences(Activation hidden, Activation output, Loss lossKind) {
        Architecture a = new Architecture(new int[] {7, 5, 4, 3}, hidden, output, lossKind);
        Random random = new Random(42);
        int rows = 6;
        double[] x = new double[rows * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        int[] labels = {0, 2, 1, 1, 0, 2};
        Parameters p = Parameters.initial(a, 7);
        for (double[] b : p.biases) {
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextGaussian() * 0.3; // away from 0, where relu has its kink
            }
        }
        Parameters gradient = Parameters.zeros(a);
        new Network(a, rows).addGradient(p, x, 0, rows, labels, gradient);

        double h = 1e-6;
        for (int l = 0; l < a.layers(); l++) {
            for (double[][] pair : new double[][][] {{p.weights[l], gradient.weights[l]}, {p.biases[l], gradient.biases[l]}}) {
                double[] values = pair[0];
                double[] analytic = pair[1];
                for (int i = 0; i < values.length; i++) {
                    double keep = values[i];
                    values[i] = keep + h;
                    double up = loss(a, p, x, rows, labels);
                    values[i] = keep - h;
                    double down = loss(a, p, x, rows, labels);
                    values[i] = keep;
                    double numeric = (up - down) / (2 * h);
                    double scale = Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
                    assertEquals(numeric, analytic[i], 1e-6 * scale + 1e-8,
                            "layer " + l + " parameter " + i + " of " + a);
                }
            }
        }
    }

    /**
     * A 2-2-1 sigmoid network with hand-set weights, worked out by hand:
     * z1 = [1*1 + 0*2 + 0, -1*1 + 1*2 + 0] = [1, 1], a1 = [s(1), s(1)] = [0.7310586, 0.7310586];
     * z2 = 1*a1[0] - 1*a1[1] + 0.5 = 0.5, a2 = s(0.5) = 0.6224593.
     */
    @Test
    void handSetNetworkGivesHandComputedOutputs() {
        Architecture a = new Architecture(new int[] {2, 2, 1}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.QUADRATIC);
        Parameters p = new Parameters(
                new double[][] {{1, 0, -1, 1}, {1, -1}},
                new double[][] {{0, 0}, {0.5}});
        double[] out = new Network(a, 2).feedforward(p, new double[] {1, 2, 0, 0}, 0, 2);
        assertEquals(0.6224593312018546, out[0], 1e-15);
        // second sample, x = 0: z1 = [0, 0], a1 = [0.5, 0.5], z2 = 0.5 - 0.5 + 0.5
        assertEquals(0.6224593312018546, out[1], 1e-15);

        // Quadratic loss for label 0 of one output: y = 1; 1/2 (a - 1)^2; dL/db2 = (a-1) a (1-a)
        Parameters gradient = Parameters.zeros(a);
        double loss = new Network(a, 1).addGradient(p, new double[] {1, 2}, 0, 1, new int[] {0}, gradient);
        double a2 = 0.6224593312018546;
        assertEquals(0.5 * (a2 - 1) * (a2 - 1), loss, 1e-15);
        assertEquals((a2 - 1) * a2 * (1 - a2), gradient.biases[1][0], 1e-15);
        assertEquals((a2 - 1) * a2 * (1 - a2) * 0.7310585786300049, gradient.weights[1][0], 1e-15);
    }

    @Test
    void softmaxOutputsAreProbabilities() {
        Architecture a = new Architecture(new int[] {3, 4}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        Parameters p = Parameters.initial(a, 3);
        double[] out = new Network(a, 2).feedforward(p, new double[] {1, 2, 3, -1, 0, 4}, 0, 2);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                assertTrue(out[r * 4 + j] > 0);
                sum += out[r * 4 + j];
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    /** Setting a gradient over whatever it held gives the bits of adding it to zeros, and the same loss. */
    @Test
    void setGradientIsAddingToZeros() {
        Architecture a = Architecture.CLASSIC;
        Parameters p = Parameters.initial(a, 5);
        Random random = new Random(2);
        double[] x = new double[6 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 784 < 300 ? 0 : random.nextDouble();
        }
        int[] labels = {3, 1, 4, 1, 5, 9};
        Parameters added = Parameters.zeros(a);
        double addedLoss = new Network(a, 6).addGradient(p, x, 0, 6, labels, added);
        Parameters set = Parameters.initial(a, 99);
        double setLoss = new Network(a, 6).setGradient(p, x, 0, 6, labels, set);
        assertEquals(addedLoss, setLoss, 0.0);
        assertTrue(added.identical(set));
    }

    /**
     * Training's pass over listed non-zero inputs, with the first layer input-major, gives
     * the dense pass's loss and gradient to the bit (each weight's sum adds its rows in
     * order either way), batch by batch of a block, for each output and loss.
     */
    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("everyCombination")
    void listedInputsGiveTheDenseGradient(Activation hidden, Activation output, Loss lossKind) {
        Architecture a = new Architecture(new int[] {50, 12, 5, 3}, hidden, output, lossKind);
        Parameters p = Parameters.initial(a, 11);
        Random random = new Random(6);
        int rows = 10;
        double[] x = new double[rows * 50];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.3 ? random.nextDouble() : 0;
        }
        int[] labels = {0, 2, 1, 1, 0, 2, 2, 1, 0, 0};
        NonZeroPixels pixels = NonZeroPixelsTest.listed(x, rows, 50, 4);
        Parameters inputMajor = p.withFirstLayerInputMajor();
        Network dense = new Network(a, 4);
        Network sparse = new Network(a, 4);
        for (int first = 0; first < rows; first += 4) {
            int n = Math.min(4, rows - first);
            Parameters expected = Parameters.zeros(a);
            double expectedLoss = dense.addGradient(p, x, first, n, labels, expected);
            Parameters written = Parameters.initial(a, 99);
            double actualLoss = sparse.backprop(inputMajor, pixels, first, n, labels, written);
            Parameters actual = Parameters.initial(a, 98);
            actual.setTo(written);
            actual.firstLayerFrom(written); // written's first layer is input-major
            assertEquals(expectedLoss, actualLoss, 0.0);
            for (int l = 0; l < a.layers(); l++) {
                assertArrayEquals(expected.weights[l], actual.weights[l], 0.0, "layer " + l + " weights");
                assertArrayEquals(expected.biases[l], actual.biases[l], 0.0, "layer " + l + " biases");
            }
        }
    }

    /**
     * The forward pass of dense inputs (scoring vectors, the report) gives the outputs of
     * the pass through a block's listed non-zero inputs (validation's), to the bit, and so the
     * same accuracy; and a row's outputs do not depend on the rows that share its block.
     */
    @Test
    void listedInputsGiveTheDenseOutputs() {
        Architecture a = new Architecture(new int[] {784, 24, 10}, Activation.SIGMOID, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        Parameters p = Parameters.initial(a, 4);
        Random random = new Random(8);
        int rows = 30;
        double[] x = new double[rows * 784];
        int[] labels = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.2 ? random.nextDouble() : 0;
        }
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(10);
        }
        Samples samples = new Samples(x, labels, 784);
        Parameters inputMajor = p.withFirstLayerInputMajor();
        Network dense = new Network(a, 8);
        Network listed = new Network(a, 8);
        long correct = 0;
        for (int first = 0; first < rows; first += 8) {
            int n = Math.min(8, rows - first);
            double[] expected = dense.feedforward(p, x, first, n);
            NonZeroRows block = new NonZeroRows(n, 784);
            samples.nonZero().list(first, n, block);
            double[] actual = listed.feedforward(inputMajor, block, 0, n);
            for (int i = 0; i < n * 10; i++) {
                assertEquals(expected[i], actual[i], 0.0, "output " + i + " of the block from " + first);
            }
            for (int r = 0; r < n; r++) {
                correct += Predictions.argmax(expected, r, 10) == labels[first + r] ? 1 : 0;
            }
            expected = expected.clone();
            for (int r = 0; r < n; r++) {
                double[] alone = dense.feedforward(p, x, first + r, 1);
                for (int j = 0; j < 10; j++) {
                    assertEquals(expected[r * 10 + j], alone[j], 0.0, "row " + (first + r) + " alone");
                }
            }
        }
        assertEquals(correct, Predictions.correct(a, p, samples));
    }

    /**
     * An input-major view has wt[i][n] = w[n][i] and shares every other array; writing it
     * back gives the same bits, and the parameters it was made from keep their layout.
     */
    @Test
    void anInputMajorViewOfTheFirstLayerAndBack() {
        Architecture a = new Architecture(new int[] {3, 2, 4}, Activation.SIGMOID, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        Parameters p = Parameters.initial(a, 1);
        Parameters before = p.copy();
        Parameters view = p.withFirstLayerInputMajor();
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(p.weights[0][n * 3 + i], view.weights[0][i * 2 + n], 0.0);
            }
        }
        assertTrue(p.identical(before), "the parameters keep their layout");
        assertTrue(view.weights[1] == p.weights[1] && view.biases[0] == p.biases[0], "only the first layer is copied");
        view.weights[0][1] = 42; // input 0, neuron 1
        p.firstLayerFrom(view);
        assertEquals(42, p.weights[0][3], 0.0, "neuron 1, input 0");
        p.weights[0][3] = before.weights[0][3];
        assertTrue(p.identical(before));
    }

    @Test
    void aBlockGivesTheSameAsItsRowsOneByOne() {
        Architecture a = Architecture.CLASSIC;
        Parameters p = Parameters.initial(a, 5);
        Random random = new Random(1);
        double[] x = new double[4 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        int[] labels = {3, 1, 4, 1};
        Parameters together = Parameters.zeros(a);
        double lossTogether = new Network(a, 4).addGradient(p, x, 0, 4, labels, together);
        Parameters oneByOne = Parameters.zeros(a);
        double lossOneByOne = 0;
        Network single = new Network(a, 1);
        for (int r = 0; r < 4; r++) {
            lossOneByOne += single.addGradient(p, x, r, 1, labels, oneByOne);
        }
        assertEquals(lossTogether, lossOneByOne, 1e-12);
        for (int l = 0; l < a.layers(); l++) {
            assertArrayEquals(together.weights[l], oneByOne.weights[l], 1e-12);
            assertArrayEquals(together.biases[l], oneByOne.biases[l], 1e-12);
        }
    }
}
