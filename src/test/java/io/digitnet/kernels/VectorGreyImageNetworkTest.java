package io.digitnet.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.GreyImageNetwork;
import io.digitnet.nn.GreyImageNetworkTest;
import io.digitnet.nn.Loss;
import io.digitnet.nn.Parameters;
import org.junit.jupiter.api.Test;

class VectorGreyImageNetworkTest {
    @Test
    void givesTheReferencesBits() {
        assertTrue(Kernels.VECTOR_API, "the tests run with conf/jvm.args, which adds the vector API module");
        for (Architecture architecture : GreyImageNetworkTest.ARCHITECTURES) {
            Parameters p = Parameters.initial(architecture, 3);
            int rows = 9;
            byte[][] images = GreyImageNetworkTest.images(rows, architecture.inputs(), 4);
            double[] expected = new GreyImageNetwork(architecture, p, rows).forward(images, rows).clone();
            double[] actual = new VectorGreyImageNetwork(architecture, p, rows).forward(images, rows);
            assertArrayEquals(expected, actual, architecture.toString());
        }
    }

    /**
     * A row scores to the bit the same whether the kernel is still interpreted (a task's
     * first rows) or compiled (its later ones, or a re-run of the task).
     */
    @Test
    void givesTheSameBitsColdAndCompiled() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            Architecture architecture = new Architecture(new int[] {784, 16, 16, 10}, hidden, Activation.SIGMOID,
                    Loss.CROSS_ENTROPY);
            Parameters p = Parameters.initial(architecture, 5);
            int rows = 8;
            byte[][] images = GreyImageNetworkTest.images(rows, 784, 6);
            GreyImageNetwork network = new VectorGreyImageNetwork(architecture, p, rows);
            double[] cold = network.forward(images, rows).clone();
            double[] warm = null;
            for (int run = 0; run < 30_000; run++) { // enough for the JIT's last tier
                warm = network.forward(images, rows);
            }
            assertArrayEquals(cold, warm, hidden + " hidden layers");
        }
    }
}
