package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.model.ModelInfo.Epoch;
import io.digitnet.score.Confusion;
import io.digitnet.tune.TuneResult;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static final List<Epoch> THREE_EPOCHS = List.of(
            new Epoch(1, 0.62, 0.901, 3.1), new Epoch(2, 0.31, 0.942, 2.9), new Epoch(3, 0.22, 0.957, 3.0));

    /** A confusion matrix with all its counts in one cell. */
    private static Confusion oneCell(int truth, int prediction, int count) {
        Confusion c = new Confusion(10);
        for (int i = 0; i < count; i++) {
            c.add(truth, prediction);
        }
        return c;
    }

    private static TuneResult run(String name, long parameters, String status, Double validation, Double test) {
        return new TuneResult(name, "64", 0.1, "relu", parameters, status, validation, validation == null ? null : 3,
                3, test, 12.5, TuneResult.OK.equals(status) ? null : "loss became NaN", null, null, null);
    }

    /** Pixels (in the given part of the image) within a small distance of the colour. */
    private static int pixels(BufferedImage image, Color colour, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int pixels(BufferedImage image, Color colour) {
        return pixels(image, colour, 0, 0, image.getWidth(), image.getHeight());
    }

    private static int[] lightAndDark(BufferedImage image) {
        int light = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                int brightness = c.getRed() + c.getGreen() + c.getBlue();
                if (brightness > 3 * 230) {
                    light++;
                } else if (brightness < 3 * 110) {
                    dark++;
                }
            }
        }
        return new int[] {light, dark};
    }

    @Test
    void trainingCurvesOfThreeEpochsDrawLossAndAccuracyAtTheDocumentedSize() {
        BufferedImage image = Charts.trainingCurves(THREE_EPOCHS);

        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertTrue(pixels(image, Charts.LOSS) > 50, "the loss curve is drawn");
        assertTrue(pixels(image, Charts.ACCURACY) > 50, "the validation accuracy curve is drawn");
    }

    @Test
    void trainingCurvesWithoutValidationLeaveTheAccuracySeriesOut() {
        List<Epoch> noValidation = new ArrayList<>();
        for (Epoch e : THREE_EPOCHS) {
            noValidation.add(new Epoch(e.epoch(), e.loss(), null, e.seconds()));
        }
        BufferedImage image = Charts.trainingCurves(noValidation);

        assertEquals(Charts.WIDTH, image.getWidth());
        assertTrue(pixels(image, Charts.LOSS) > 50, "the loss curve is drawn");
        assertEquals(0, pixels(image, Charts.ACCURACY), "no accuracy series");
    }

    /** One point per axis: XChart must still find a range for each (it centres the point). */
    @Test
    void trainingCurvesOfOneEpochRender() {
        BufferedImage image = Charts.trainingCurves(List.of(new Epoch(1, 0.5, 0.9, 1.0)));

        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void trainingCurvesNeedEpochs() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves(List.of()));
        assertEquals("no epochs recorded", e.getMessage());
    }

    @Test
    void confusionWithOneBigCellRendersLightAndDarkAtTheDocumentedSize() {
        BufferedImage image = Charts.confusion(oneCell(3, 3, 1000));

        assertEquals(Charts.CONFUSION_WIDTH, image.getWidth());
        assertEquals(Charts.CONFUSION_HEIGHT, image.getHeight());
        int[] lightAndDark = lightAndDark(image);
        assertTrue(lightAndDark[0] > 10_000, "mostly light: " + lightAndDark[0] + " light pixels");
        assertTrue(lightAndDark[1] > 1_000, "the big cell is dark: " + lightAndDark[1] + " dark pixels");
    }

    @Test
    void confusionPutsTrueDigitZeroAtTheTopLeftAndNineAtTheBottomRight() {
        Color darkest = Charts.BLUES[Charts.BLUES.length - 1];
        int w = Charts.CONFUSION_WIDTH;
        int h = Charts.CONFUSION_HEIGHT;
        // the colour scale's legend is on the right: the left half holds only the plot
        BufferedImage zero = Charts.confusion(oneCell(0, 0, 500));
        BufferedImage nine = Charts.confusion(oneCell(9, 9, 500));

        assertTrue(pixels(zero, darkest, 0, 0, w / 2, h / 2) > 500, "cell (0, 0) top left");
        assertEquals(0, pixels(zero, darkest, 0, h / 2, w / 2, h), "nothing dark bottom left");
        assertEquals(0, pixels(nine, darkest, 0, 0, w / 2, h / 2), "cell (9, 9) not top left");
    }

    @Test
    void confusionOfNothingIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Charts.confusion(new Confusion(10)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void accuracyVsParametersLeavesFailedRunsOut() {
        List<TuneResult> ok = List.of(run("a", 50_890, TuneResult.OK, 0.95, 0.948),
                run("b", 203_530, TuneResult.OK, 0.97, 0.968),
                run("c", 1_863_690, TuneResult.OK, 0.975, null));
        List<TuneResult> withFailed = new ArrayList<>(ok);
        withFailed.add(run("d", 800_000, TuneResult.DIVERGED, null, null));
        withFailed.add(run("e", 400_000, TuneResult.ERROR, 0.2, 0.1));

        BufferedImage image = Charts.accuracyVsParameters(withFailed);

        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertTrue(pixels(image, Charts.ACCURACY) > 3 * 20, "three points drawn");
        BufferedImage okOnly = Charts.accuracyVsParameters(ok);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(okOnly.getRGB(x, y), image.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void accuracyVsParametersNeedsAnOkRun() {
        List<TuneResult> failed = List.of(run("d", 800_000, TuneResult.DIVERGED, null, null),
                run("e", 400_000, TuneResult.ERROR, null, null));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Charts.accuracyVsParameters(failed));
        assertTrue(e.getMessage().contains("no successful tuning run"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.accuracyVsParameters(List.of()));
    }

    @Test
    void chartsWriteAsPngAndReadBack() throws IOException {
        BufferedImage image = Charts.confusion(oneCell(1, 7, 42));
        ByteArrayOutputStream png = new ByteArrayOutputStream();

        assertTrue(ImageIO.write(image, "png", png), "a PNG writer is available");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertEquals(Charts.CONFUSION_WIDTH, back.getWidth());
        assertEquals(image.getRGB(100, 100), back.getRGB(100, 100));
    }
}
