package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.report.Pictures;
import io.digitnet.report.Screenshot;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.SmallModel;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report through the command line, for a model trained on small generated IDX data and a small tuning. */
class ReportCommandTest {
    private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");

    static SparkSession spark;
    static Path images;
    static Path model;
    static Path tune;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() {
        spark = LocalSpark.start(ReportCommandTest.class);
        SmallModel trained = SmallModel.train(shared, 52);
        images = trained.images();
        model = trained.model();
        tune = shared.resolve("tune");
        CliRun tuning = CliRun.of("tune", "--train", images.toString(), "--test", images.toString(),
                "--out", tune.toString(), "--hidden", "8 16", "--epochs", "1");
        assertEquals(0, tuning.exitCode(), tuning.toString());
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** Every picture index.html shows, as (file, width, height) from its img tag. */
    private static List<String[]> imagesOf(Path report) throws IOException {
        Matcher m = IMAGE.matcher(Files.readString(report.resolve("index.html")));
        List<String[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return found;
    }

    /** Each linked picture exists, decodes as an image and has the size the page gives it; returns the files. */
    private static List<String> assertPicturesAreWhole(Path report) throws IOException {
        List<String> files = new ArrayList<>();
        for (String[] image : imagesOf(report)) {
            Path file = report.resolve(image[0]);
            assertTrue(Files.isRegularFile(file), image[0]);
            BufferedImage decoded = ImageIO.read(file.toFile());
            assertNotNull(decoded, image[0] + " decodes");
            assertEquals(Integer.parseInt(image[1]), decoded.getWidth(), image[0] + " width");
            assertEquals(Integer.parseInt(image[2]), decoded.getHeight(), image[0] + " height");
            files.add(image[0]);
        }
        return files;
    }

    @Test
    void aReportWithDataAndATuningLinksWholePicturesOfEverySection() throws IOException {
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", images.toString(),
                "--tune", tune.toString(), "--out", report.toString(), "--mistakes", "12");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> files = assertPicturesAreWhole(report);
        for (String expected : List.of("weights-layer1.png", "weights-layer2.png", "weights-output.png",
                "curves.png", "confusion.png", "mistakes.png", "accuracy-vs-parameters.png")) {
            assertTrue(files.contains(expected), expected + " in " + files);
        }
        long networks = files.stream().filter(f -> f.startsWith("network-")).count();
        assertTrue(networks >= 3 && networks <= 6, "3 right and up to 3 wrong: " + files);
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("h16_lr0.003_sigmoid") && html.contains("h8_lr0.003_sigmoid"), "leaderboard");
        try (Stream<Path> all = Files.list(report)) {
            assertEquals(files.size() + 2, all.count(), "index.html, its pictures and explore.html, nothing else");
        }
        assertTrue(html.contains("<a href=\"explore.html\">"), "index.html links the explorer");
        theExplorerHoldsTheModelsNumbersAndLoadsNothing(report, (int) networks);
    }

    /**
     * explore.html embeds the model's weights and biases, bit for bit, and the images of the
     * network at work; it names nothing outside itself (what it does in a browser:
     * report/ExplorePageTest).
     */
    private static void theExplorerHoldsTheModelsNumbersAndLoadsNothing(Path report, int examples) throws IOException {
        String page = Files.readString(report.resolve("explore.html"));
        for (String outside : List.of("http:", "https:", "src=", "href=", "@import", "url(")) {
            assertFalse(page.contains(outside), outside + " in explore.html");
        }
        Matcher json = Pattern.compile("<script type=\"application/json\" id=\"digitnet-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(page);
        assertTrue(json.find(), "the page's data");
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.group(1));
        Parameters p = ModelDir.read(new Configuration(), model.toString()).parameters();
        for (int l = 0; l < p.layers(); l++) {
            assertArrayEquals(p.weights[l], doubles(data.get("model").get("weights").get(l).asText()), 0.0);
            assertArrayEquals(p.biases[l], doubles(data.get("model").get("biases").get(l).asText()), 0.0);
        }
        assertEquals(examples, data.get("examples").size());
        assertEquals(0.9, data.get("reviewBelow").asDouble());
    }

    private static double[] doubles(String base64) {
        java.nio.DoubleBuffer buffer = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        double[] values = new double[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Test
    void withoutDataOnlyWhatTheModelHolds() throws IOException {
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--out", report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("weights-layer1.png", "weights-layer2.png", "weights-output.png", "curves.png"),
                assertPicturesAreWhole(report));
        theExplorerHoldsTheModelsNumbersAndLoadsNothing(report, 0);
    }

    /**
     * A model whose first neuron's weights are set by hand, +1 in the square of rows 10..13
     * and columns 5..8 and 0 elsewhere (its second neuron -1 there): in the report's first
     * weight grid, that square is full red in the first map and full blue in the second,
     * and the rest of both maps is white.
     */
    @Test
    void aHandSetNeuronIsDrawnWhereItsWeightsAre() throws IOException {
        Architecture a = Architecture.CLASSIC;
        Parameters p = Parameters.zeros(a);
        for (int row = 10; row <= 13; row++) {
            for (int column = 5; column <= 8; column++) {
                p.weights[0][row * 28 + column] = 1;
                p.weights[0][784 + row * 28 + column] = -1;
            }
        }
        Path handSet = dir.resolve("hand-set");
        ModelDir.write(new Configuration(), handSet.toString(), a, p, ModelInfo.NONE, false);
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", handSet.toString(), "--out", report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        BufferedImage grid = ImageIO.read(report.resolve("weights-layer1.png").toFile());
        int cell = 6;
        int tile = 28 * cell;
        for (int neuron = 0; neuron < 2; neuron++) {
            Point origin = Pictures.tileOrigin(neuron, tile, tile, 8);
            int expected = neuron == 0 ? 0xB2182B : 0x2166AC;
            for (int row = 0; row < 28; row++) {
                for (int column = 0; column < 28; column++) {
                    boolean inSquare = row >= 10 && row <= 13 && column >= 5 && column <= 8;
                    int rgb = grid.getRGB(origin.x + column * cell + cell / 2, origin.y + row * cell + cell / 2)
                            & 0xFFFFFF;
                    assertEquals(inSquare ? expected : 0xFFFFFF, rgb, "neuron " + neuron + " pixel " + row + ","
                            + column);
                }
            }
        }
    }

    @Test
    void badInputIsOneLineAndLeavesNothingBehind() throws IOException {
        Path taken = dir.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Path empty = dir.resolve("no-runs");
        Files.createDirectories(empty);
        for (String[] args : new String[][] {
                {"--out", taken.toString(), "--out " + taken + ": already exists and is not an empty folder"},
                {"--tune", empty.toString(), "--tune " + empty + ": no results in"},
                {"--mistakes", "-1", "--mistakes: expected 0 or more, found -1"}}) {
            Path out = args[0].equals("--out") ? taken : dir.resolve("report");
            List<String> command = new ArrayList<>(List.of("report", "--model", model.toString(), args[0], args[1]));
            if (!args[0].equals("--out")) {
                command.addAll(List.of("--out", out.toString()));
            }
            CliRun run = CliRun.of(command.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.errLines().get(0).startsWith("digitnet report: " + args[2]), run.toString());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of("no-runs", "taken"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                        "nothing written beside them");
            }
        }
        assertEquals(List.of(taken.resolve("notes.txt")), Files.list(taken).toList());
    }

    /** Where Chromium is installed (CI installs Debian's), the page opens in it and is photographed. */
    @Test
    void theScreenshotShowsThePage() throws IOException {
        assumeTrue(Screenshot.chromium().isPresent(), "no Chromium installed");
        Path report = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", images.toString(),
                "--out", report.toString(), "--screenshot");
        assertEquals(0, run.exitCode(), run.toString());
        BufferedImage shot = ImageIO.read(report.resolve("screenshot.png").toFile());
        assertNotNull(shot);
        assertEquals(Screenshot.WIDTH, shot.getWidth());
        boolean dark = false;
        for (int y = 0; y < Math.min(400, shot.getHeight()) && !dark; y++) {
            for (int x = 0; x < shot.getWidth() && !dark; x++) {
                dark = (shot.getRGB(x, y) & 0xff) < 64;
            }
        }
        assertTrue(dark, "text on the page, not a blank window");
        assertFalse(run.out().contains("no screenshot"), run.out());
    }
}
