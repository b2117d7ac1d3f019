package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPictureTest {
    /** Hidden layers of 16 whose neuron 3 is fully on, 5 off, 8 half on, 9 above 1 (relu); outputs favouring 2. */
    private static List<double[]> activations() {
        double[] first = new double[16];
        double[] second = new double[16];
        for (double[] layer : List.of(first, second)) {
            java.util.Arrays.fill(layer, 0.3);
            layer[3] = 1.0;
            layer[5] = 0.0;
            layer[8] = 0.5;
            layer[9] = 4.2;
        }
        double[] outputs = {0.01, 0.0, 0.93, 0.02, 0.0, 0.0, 0.0, 0.04, 0.0, 0.0};
        return List.of(first, second, outputs);
    }

    /** Grey level (0..255) at the centre of a neuron's circle. */
    private static int centreGrey(BufferedImage picture, List<double[]> activations, int layer, int neuron) {
        Point2D.Double centre = NetworkPicture.neuronCentre(activations, layer, neuron);
        int rgb = picture.getRGB((int) Math.floor(centre.x), (int) Math.floor(centre.y));
        assertEquals(rgb >> 16 & 0xFF, rgb & 0xFF, "a neuron is grey");
        return rgb & 0xFF;
    }

    @Test
    void neuronsAreAsBrightAsTheirActivations() {
        List<double[]> activations = activations();
        BufferedImage picture = NetworkPicture.draw(new double[784], activations, 7, 2);
        assertEquals(NetworkPicture.WIDTH, picture.getWidth());
        assertEquals(NetworkPicture.HEIGHT, picture.getHeight());
        for (int layer = 0; layer < 2; layer++) {
            assertEquals(255, centreGrey(picture, activations, layer, 3), "activation 1");
            assertEquals(0, centreGrey(picture, activations, layer, 5), "activation 0");
            assertEquals(128, centreGrey(picture, activations, layer, 8), 1, "activation 0.5");
            assertEquals(255, centreGrey(picture, activations, layer, 9), "activation above 1 is clamped");
            assertEquals(77, centreGrey(picture, activations, layer, 0), 1, "activation 0.3");
        }
        assertEquals(237, centreGrey(picture, activations, 2, 2), 1, "output 0.93");
        assertEquals(0, centreGrey(picture, activations, 2, 1), "output 0");
    }

    @Test
    void layersStandInTheirOwnColumnsAndNeuronsDoNotOverlap() {
        List<double[]> activations = List.of(new double[16], new double[100], new double[10]);
        for (int layer = 0; layer < 3; layer++) {
            int neurons = activations.get(layer).length;
            Point2D.Double first = NetworkPicture.neuronCentre(activations, layer, 0);
            Point2D.Double last = NetworkPicture.neuronCentre(activations, layer, neurons - 1);
            assertEquals(first.x, last.x);
            assertTrue(first.y > 0 && last.y < NetworkPicture.HEIGHT, "layer " + layer + " fits the height");
            if (layer > 0) {
                assertTrue(first.x > NetworkPicture.neuronCentre(activations, layer - 1, 0).x + 20);
            }
        }
        BufferedImage picture = NetworkPicture.draw(new double[784], activations, 0, 0);
        assertEquals(NetworkPicture.WIDTH, picture.getWidth());
    }

    @Test
    void theInputImageIsDrawnOnTheLeft() {
        double[] image = new double[784];
        java.util.Arrays.fill(image, 1.0);
        BufferedImage picture = NetworkPicture.draw(image, activations(), 7, 2);
        assertEquals(0x000000, picture.getRGB(16 + 56, NetworkPicture.HEIGHT / 2) & 0xFFFFFF);
    }

    @Test
    void wrongShapesAreRejected() {
        List<double[]> activations = activations();
        assertThrows(IllegalArgumentException.class, () -> NetworkPicture.draw(new double[783], activations, 7, 2));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkPicture.draw(new double[784], List.of(new double[16], new double[9]), 7, 2));
        assertThrows(IllegalArgumentException.class, () -> NetworkPicture.draw(new double[784], List.of(), 7, 2));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkPicture.draw(new double[784], List.of(new double[0], new double[10]), 7, 2));
        assertThrows(IllegalArgumentException.class, () -> NetworkPicture.draw(new double[784], activations, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> NetworkPicture.draw(new double[784], activations, 7, -1));
    }
}
