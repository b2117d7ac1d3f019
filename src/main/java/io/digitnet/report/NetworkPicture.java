package io.digitnet.report;

import io.digitnet.data.DigitImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The network at work on one image, drawn the way 3Blue1Brown's video draws it: on the left
 * the image the network sees, then one column per layer with each neuron a circle as bright
 * as its activation (0 black, 1 white), and on the right the outputs as bars, the predicted
 * digit's in red and the true digit's framed. The connections are left out: they are the
 * weight pictures' job, and 784 x 16 lines would hide the neurons.
 */
public final class NetworkPicture {
    /** The picture's size in pixels, whatever the layer sizes. */
    public static final int WIDTH = 760;
    public static final int HEIGHT = 360;

    private static final int EDGE = 16;
    private static final int INPUT_CELL = 4;
    private static final int INPUT_SIDE = DigitImages.SIDE * INPUT_CELL;
    /** The layer columns share the band between the input image and the bars. */
    private static final int LAYERS_LEFT = 150;
    private static final int LAYERS_RIGHT = 470;
    /** Neurons are spaced this far apart up to the height of 16 of them; more shrink to fit it. */
    private static final int NEURON_SPACING = 18;
    private static final int NEURONS_HEIGHT = 16 * NEURON_SPACING;
    private static final int BARS_LEFT = 500;
    private static final int BAR_START = BARS_LEFT + 20;
    private static final int BAR_LENGTH = WIDTH - EDGE - BAR_START;
    private static final int BAR_ROW = 26;
    private static final int BARS_TOP = (HEIGHT - DigitImages.CLASSES * BAR_ROW) / 2 + 10;
    private static final Color OUTLINE = new Color(128, 128, 128);
    private static final Color BAR = new Color(170, 170, 170);
    private static final Color PREDICTED = new Color(178, 24, 43);

    private NetworkPicture() {}

    /**
     * {@code image}: the 784 pixels in 0..1; {@code activations.get(l)}: layer l+1's
     * activations, the last the 10 outputs; {@code label} the true digit and
     * {@code predicted} the network's, whose output is shown as its confidence.
     */
    public static BufferedImage draw(double[] image, List<double[]> activations, int label, int predicted) {
        check(image, activations, label, predicted);
        BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.canvas(picture);
        int inputTop = (HEIGHT - INPUT_SIDE) / 2;
        g.drawImage(Pictures.greyImage(image, DigitImages.SIDE, INPUT_CELL), EDGE, inputTop, null);
        g.setColor(OUTLINE);
        g.drawRect(EDGE - 1, inputTop - 1, INPUT_SIDE + 1, INPUT_SIDE + 1);
        g.setColor(Color.BLACK);
        g.drawString("input", EDGE, inputTop - 6);
        for (int l = 0; l < activations.size(); l++) {
            drawLayer(g, activations, l);
        }
        drawOutputs(g, activations.get(activations.size() - 1), label, predicted);
        g.dispose();
        return picture;
    }

    /** The centre of neuron {@code neuron} of layer column {@code layer} (0 the first hidden layer). */
    static Point2D.Double neuronCentre(List<double[]> activations, int layer, int neuron) {
        double columnWidth = (double) (LAYERS_RIGHT - LAYERS_LEFT) / activations.size();
        int neurons = activations.get(layer).length;
        double spacing = spacing(neurons);
        return new Point2D.Double(LAYERS_LEFT + (layer + 0.5) * columnWidth,
                (HEIGHT - neurons * spacing) / 2 + (neuron + 0.5) * spacing);
    }

    private static double spacing(int neurons) {
        return Math.min(NEURON_SPACING, (double) NEURONS_HEIGHT / neurons);
    }

    private static void drawLayer(Graphics2D g, List<double[]> activations, int layer) {
        double[] values = activations.get(layer);
        double diameter = spacing(values.length) * 0.8;
        for (int n = 0; n < values.length; n++) {
            Point2D.Double centre = neuronCentre(activations, layer, n);
            Ellipse2D circle = new Ellipse2D.Double(centre.x - diameter / 2, centre.y - diameter / 2, diameter,
                    diameter);
            int grey = (int) Math.round(255 * Math.max(0, Math.min(1, values[n])));
            g.setColor(new Color(grey, grey, grey));
            g.fill(circle);
            g.setColor(OUTLINE);
            g.draw(circle);
        }
        String name = layer == activations.size() - 1 ? "output" : "hidden " + (layer + 1);
        Point2D.Double top = neuronCentre(activations, layer, 0);
        g.setColor(Color.BLACK);
        g.drawString(name, (int) top.x - g.getFontMetrics().stringWidth(name) / 2,
                (int) (top.y - spacing(values.length) / 2) - 6);
    }

    /** The outputs as bars labelled 0..9, the predicted digit's red, the true digit's framed. */
    private static void drawOutputs(Graphics2D g, double[] outputs, int label, int predicted) {
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "true %d, predicted %d (%.2f)", label, predicted,
                outputs[predicted]), BARS_LEFT, BARS_TOP - 14);
        int ascent = g.getFontMetrics().getAscent();
        for (int digit = 0; digit < outputs.length; digit++) {
            int top = BARS_TOP + digit * BAR_ROW;
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(digit), BARS_LEFT, top + (BAR_ROW + ascent) / 2 - 2);
            int length = (int) Math.round(BAR_LENGTH * Math.max(0, Math.min(1, outputs[digit])));
            g.setColor(digit == predicted ? PREDICTED : BAR);
            g.fillRect(BAR_START, top + 4, length, BAR_ROW - 8);
            if (digit == label) {
                g.setColor(Color.BLACK);
                g.drawRect(BAR_START - 2, top + 2, BAR_LENGTH + 2, BAR_ROW - 4);
            }
        }
    }

    private static void check(double[] image, List<double[]> activations, int label, int predicted) {
        if (image.length != DigitImages.PIXELS) {
            throw new IllegalArgumentException("expected an image of " + DigitImages.PIXELS + " pixels, found "
                    + image.length);
        }
        if (activations.isEmpty() || activations.get(activations.size() - 1).length != DigitImages.CLASSES) {
            throw new IllegalArgumentException("expected the last layer to have " + DigitImages.CLASSES
                    + " outputs, found " + (activations.isEmpty() ? "no layers"
                            : activations.get(activations.size() - 1).length + " outputs"));
        }
        for (double[] layer : activations) {
            if (layer.length == 0) {
                throw new IllegalArgumentException("expected every layer to have a neuron, found an empty one");
            }
        }
        if (label < 0 || label >= DigitImages.CLASSES || predicted < 0 || predicted >= DigitImages.CLASSES) {
            throw new IllegalArgumentException("expected digits 0..9, found label " + label + " and prediction "
                    + predicted);
        }
    }
}
