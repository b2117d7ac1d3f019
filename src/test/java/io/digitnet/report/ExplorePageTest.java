package io.digitnet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.ImageFolders;
import io.digitnet.data.images.ScanNormaliser;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.nn.Grey;
import io.digitnet.nn.Network;
import io.digitnet.score.ScoreJob;
import io.digitnet.testing.Browser;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * explore.html in headless Chromium, opened from disk with the network cut off: digits
 * drawn with the mouse reach the page's input as score would read the same drawing saved
 * as a PNG, and its activations are the project's own forward pass on that input, for the
 * default network and a relu/softmax one; a test image loads with the model's answer and
 * can be drawn over; pointing at a neuron shows its weights. The strokes vary in place,
 * size and number, so that every step of the normalisation is met.
 */
class ExplorePageTest {
    /** The page's numbers against Java's: the same formula, computed in another language. */
    private static final double TOLERANCE = 1e-6;

    static SparkSession spark;
    static Path mnist;
    static Path testImages;
    static Path sigmoidReport;
    static Path reluReport;
    static Model sigmoid;
    static Model relu;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainAndReport() {
        mnist = MnistDir.require();
        Browser.require();
        spark = LocalSpark.start(ExplorePageTest.class);
        testImages = mnist.resolve("t10k-images-idx3-ubyte.gz");
        sigmoidReport = trainAndReport("sigmoid");
        reluReport = trainAndReport("relu", "--activation", "relu", "--output", "softmax", "--layers", "784,24,10");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        sigmoid = ModelDir.read(conf, dir.resolve("sigmoid-model").toString());
        relu = ModelDir.read(conf, dir.resolve("relu-model").toString());
    }

    /** One epoch on real MNIST (otherwise the defaults, or {@code settings}), and its report on the test set. */
    private static Path trainAndReport(String name, String... settings) {
        Path model = dir.resolve(name + "-model");
        List<String> args = new ArrayList<>(List.of("train", "--mnist", mnist.toString(), "--out", model.toString(),
                "--epochs", "1"));
        args.addAll(List.of(settings));
        CliRun train = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, train.exitCode(), train.toString());
        Path report = dir.resolve(name + "-report");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", testImages.toString(), "--out",
                report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        return report;
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** Strokes in pad pixels (0..280 each way): each stroke a list of x, y points. */
    private record Drawing(String name, int[][] strokes) {}

    /** Different in place, size, number of strokes and specks. */
    private static final List<Drawing> DRAWINGS = List.of(
            new Drawing("seven", new int[][] {{60, 50, 215, 50, 120, 240}}),
            new Drawing("small-one-in-a-corner", new int[][] {{40, 30, 41, 38}}),
            new Drawing("zero-off-centre", ellipse(190, 170, 45, 70)),
            new Drawing("one-with-a-speck", new int[][] {{140, 20, 135, 260}, {250, 250, 250, 251}}),
            new Drawing("four-in-two-strokes", new int[][] {{90, 30, 60, 150, 190, 150}, {160, 60, 160, 265}}),
            new Drawing("bar-across-the-pad", new int[][] {{0, 40, 279, 40}, {140, 40, 140, 279}}));

    private static int[][] ellipse(int cx, int cy, int rx, int ry) {
        int[] points = new int[2 * 25];
        for (int i = 0; i < 25; i++) {
            double angle = 2 * Math.PI * i / 24;
            points[2 * i] = (int) Math.round(cx + rx * Math.sin(angle));
            points[2 * i + 1] = (int) Math.round(cy - ry * Math.cos(angle));
        }
        return new int[][] {points};
    }

    @Test
    void drawingsReachTheNetworkAsScoreReadsThemAndItsPassIsTheProjects() throws Exception {
        Path drawings = dir.resolve("drawings");
        Files.createDirectories(drawings);
        Map<String, Integer> pageDigits = new HashMap<>();
        Map<String, Double> pageConfidences = new HashMap<>();
        try (Browser browser = Browser.open(sigmoidReport.resolve(ExplorePage.FILE))) {
            Map<String, Object> blank = browser.state();
            assertEquals(false, blank.get("hasInk"));
            for (Drawing drawing : DRAWINGS) {
                browser.script("window.digitnetExplorer.clear();");
                draw(browser, drawing);
                Map<String, Object> state = browser.state();
                assertEquals(true, state.get("hasInk"), drawing.name());
                byte[] png = browser.drawingPng();
                Files.write(drawings.resolve(drawing.name() + ".png"), png);
                double[] input = numbers(state.get("input"));
                byte[] scoreSees = ScanNormaliser.normalise(png);
                for (int p = 0; p < input.length; p++) {
                    assertEquals(Grey.value(scoreSees[p]), input[p], 0.0, drawing.name() + ": pixel " + p);
                }
                assertSameForwardPass(sigmoid, input, state, drawing.name());
                pageDigits.put(drawing.name() + ".png", ((Number) state.get("digit")).intValue());
                pageConfidences.put(drawing.name() + ".png", ((Number) state.get("confidence")).doubleValue());
                String verdict = browser.text("verdict");
                assertTrue(verdict.startsWith("The network reads a " + state.get("digit") + ","), verdict);
                // What a person's screen shows of the pad, photographed, is the same drawing to score.
                byte[] photo = browser.driver().findElement(By.id("pad")).getScreenshotAs(OutputType.BYTES);
                assertArrayEquals(scoreSees, ScanNormaliser.normalise(photo), drawing.name() + ": the pad photographed");
                // And what the page shows as the network's input is that 28x28, a 6x6 square a pixel.
                BufferedImage seen = ImageIO.read(new java.io.ByteArrayInputStream(
                        browser.driver().findElement(By.id("input")).getScreenshotAs(OutputType.BYTES)));
                for (int p = 0; p < input.length; p++) {
                    assertEquals(scoreSees[p] & 0xff, seen.getRGB(6 * (p % 28) + 3, 6 * (p / 28) + 3) & 0xff,
                            drawing.name() + ": pixel " + p + " as shown");
                }
                if (drawing.name().equals("seven")) {
                    Path shot = Path.of("target", "explore-drawn-seven.png");
                    Files.createDirectories(shot.getParent());
                    Files.write(shot, browser.screenshot());
                    BufferedImage picture = ImageIO.read(shot.toFile());
                    assertTrue(picture.getWidth() > 800 && picture.getHeight() > 400, shot.toString());
                }
            }
            browser.assertQuietAndOffline();
        }
        // The scorer itself, on the drawings saved as files: the same digit and confidence.
        Path scored = dir.resolve("scored");
        CliRun score = CliRun.of("score", "--model", dir.resolve("sigmoid-model").toString(), "--input",
                drawings.toString(), "--output", scored.toString());
        assertEquals(0, score.exitCode(), score.toString());
        List<Row> rows = spark.read().parquet(scored.resolve(ScoreJob.SCORED).toString()).collectAsList();
        assertEquals(DRAWINGS.size(), rows.size());
        for (Row row : rows) {
            String file = Path.of(row.<String>getAs(ImageFolders.PATH)).getFileName().toString();
            assertEquals(pageDigits.get(file), row.<Integer>getAs(ScoreJob.PREDICTION), file);
            assertEquals(pageConfidences.get(file), row.<Double>getAs(ScoreJob.CONFIDENCE), TOLERANCE, file);
        }
    }

    @Test
    void aReluSoftmaxModelGivesTheProjectsActivationsToo() throws Exception {
        try (Browser browser = Browser.open(reluReport.resolve(ExplorePage.FILE))) {
            for (Drawing drawing : List.of(DRAWINGS.get(0), DRAWINGS.get(2))) {
                browser.script("window.digitnetExplorer.clear();");
                draw(browser, drawing);
                Map<String, Object> state = browser.state();
                double[] input = numbers(state.get("input"));
                assertArrayEquals(pixels(ScanNormaliser.normalise(browser.drawingPng())), input, 0.0);
                assertSameForwardPass(relu, input, state, drawing.name());
                double sum = 0;
                for (double a : numbers(((List<?>) state.get("activations")).get(1))) {
                    sum += a;
                }
                assertEquals(1.0, sum, 1e-9, "softmax outputs add up to 1");
            }
            browser.assertQuietAndOffline();
        }
    }

    @Test
    void aTestImageLoadsWithTheModelsAnswerAndCanBeDrawnOver() throws Exception {
        try (Browser browser = Browser.open(sigmoidReport.resolve(ExplorePage.FILE))) {
            List<WebElement> buttons = browser.driver().findElements(By.cssSelector("#examples button"));
            assertEquals(6, buttons.size(), "3 right and 3 wrong test images");
            for (int i = 0; i < buttons.size(); i++) {
                buttons.get(i).click();
                browser.settle();
                Map<String, Object> state = browser.state();
                assertEquals("edit", state.get("mode"));
                long id = ((Number) state.get("example")).longValue();
                double[] input = numbers(state.get("input"));
                assertArrayEquals(pixels(testImage(id)), input, 0.0, "test image " + id);
                assertSameForwardPass(sigmoid, input, state, "test image " + id);
                double[] outputs = forward(sigmoid, input).get(sigmoid.architecture().layers() - 1);
                assertEquals(argmax(outputs), ((Number) state.get("digit")).intValue());
                assertTrue(buttons.get(i).getText().contains("test image " + id), buttons.get(i).getText());
            }
            // Drawing over the last: the image stays where it was, the ink only adds.
            Map<String, Object> before = browser.state();
            double[] image = numbers(before.get("input"));
            draw(browser, new Drawing("bar", new int[][] {{20, 250, 260, 250}}));
            Map<String, Object> after = browser.state();
            double[] drawnOver = numbers(after.get("input"));
            int changed = 0;
            for (int p = 0; p < image.length; p++) {
                assertTrue(drawnOver[p] >= image[p], "pixel " + p);
                if (drawnOver[p] != image[p]) {
                    changed++;
                    assertTrue(p / 28 >= 23 && p / 28 <= 26, "only the bar's rows change: pixel " + p);
                }
            }
            assertTrue(changed > 40, changed + " pixels changed");
            assertSameForwardPass(sigmoid, drawnOver, after, "test image drawn over");
            browser.assertQuietAndOffline();
        }
    }

    @Test
    void pointingAtANeuronShowsItsWeightsAndWhatTheInputGivesIt() throws Exception {
        try (Browser browser = Browser.open(sigmoidReport.resolve(ExplorePage.FILE))) {
            draw(browser, DRAWINGS.get(0));
            double[] input = numbers(browser.state().get("input"));
            int in = sigmoid.architecture().in(0);
            for (int n : new int[] {0, 5, 15}) {
                browser.hover("neuron-1-" + n);
                Map<?, ?> shown = (Map<?, ?>) browser.state().get("shown");
                assertNotNull(shown, "neuron " + n);
                assertEquals(0, ((Number) shown.get("layer")).intValue());
                assertEquals(n, ((Number) shown.get("index")).intValue());
                double[] row = java.util.Arrays.copyOfRange(sigmoid.parameters().weights[0], n * in, (n + 1) * in);
                assertArrayEquals(row, numbers(shown.get("weights")), 0.0, "neuron " + n + "'s weights");
                double[] contributions = numbers(shown.get("contributions"));
                for (int p = 0; p < in; p++) {
                    assertEquals(row[p] * input[p], contributions[p], 0.0);
                }
                // The map is drawn in the report's colours: the strongest weight in full colour.
                DivergingScale scale = DivergingScale.of(row);
                int strongest = 0;
                for (int p = 1; p < in; p++) {
                    strongest = Math.abs(row[p]) > Math.abs(row[strongest]) ? p : strongest;
                }
                assertEquals(scale.rgb(row[strongest]), browser.mapColour("weight-map", strongest % 28, strongest / 28));
                assertTrue(browser.text("neuron-title").startsWith("Layer 1, neuron " + n + ":"));
            }
            // A second hidden layer's neuron: its weights carried back to the pixels, as the report draws them.
            browser.hover("neuron-2-3");
            Map<?, ?> shown = (Map<?, ?>) browser.state().get("shown");
            double[] carried = new double[in];
            int hidden = sigmoid.architecture().out(0);
            for (int k = 0; k < hidden; k++) {
                double w = sigmoid.parameters().weights[1][3 * hidden + k];
                for (int p = 0; p < in; p++) {
                    carried[p] += w * sigmoid.parameters().weights[0][k * in + p];
                }
            }
            assertArrayEquals(carried, numbers(shown.get("weights")), 1e-12);
            Files.write(Path.of("target", "explore-neuron.png"), browser.screenshot());
            browser.assertQuietAndOffline();
        }
    }

    private static void draw(Browser browser, Drawing drawing) {
        for (int[] stroke : drawing.strokes()) {
            browser.stroke(stroke);
        }
        browser.settle();
    }

    /** The page's activations, layer by layer, against Network's on the same input. */
    private static void assertSameForwardPass(Model model, double[] input, Map<String, Object> state, String what) {
        List<double[]> expected = forward(model, input);
        List<?> page = (List<?>) state.get("activations");
        assertEquals(expected.size(), page.size());
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l), numbers(page.get(l)), TOLERANCE, what + ": layer " + (l + 1));
        }
        double[] outputs = expected.get(expected.size() - 1);
        assertEquals(argmax(outputs), ((Number) state.get("digit")).intValue(), what);
        assertEquals(outputs[argmax(outputs)], ((Number) state.get("confidence")).doubleValue(), TOLERANCE, what);
        assertEquals(outputs[argmax(outputs)] < 0.9, state.get("review"), what);
    }

    private static List<double[]> forward(Model model, double[] input) {
        Network pass = new Network(model.architecture(), 1);
        pass.feedforward(model.parameters(), input, 0, 1);
        List<double[]> activations = new ArrayList<>();
        for (int l = 0; l < model.architecture().layers(); l++) {
            activations.add(pass.activations(l).clone());
        }
        return activations;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            best = values[j] > values[best] ? j : best;
        }
        return best;
    }

    private static double[] numbers(Object list) {
        List<?> values = (List<?>) list;
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    private static double[] pixels(byte[] bytes) {
        double[] values = new double[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = Grey.value(bytes[i]);
        }
        return values;
    }

    /** Image {@code id} (its row number) of the MNIST test file. */
    private static byte[] testImage(long id) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(testImages))) {
            in.skipNBytes(16 + id * 784);
            return in.readNBytes(784);
        }
    }
}
