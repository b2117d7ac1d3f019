package io.digitnet.report;

import io.digitnet.BadInputException;
import io.digitnet.data.DigitImages;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.OutputDir;
import io.digitnet.model.Model;
import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Network;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report}: a folder that shows what a model holds and does. From the model alone:
 * every first-layer neuron's 784 weights as a 28x28 map, the deeper neurons' weights carried
 * back to pixels, and the training curves. With labelled data: the network at work on a few
 * images it gets right and a few it gets wrong, the confusion matrix, and its most confident
 * mistakes. With a tuning folder: the leaderboard and accuracy against size. Beside it,
 * explore.html, where a person draws a digit (or, with data, over one of those images) and
 * watches the model answer. The folder is written beside its place and moved there when
 * whole, so a failure leaves nothing behind.
 */
public final class ReportJob {
    /** Pixels a weight takes in the weight maps: 28 x 6 = 168 px a neuron. */
    private static final int WEIGHT_CELL = 6;
    /** Pixels a pixel takes in the mistakes' pictures: 28 x 4 = 112 px an image. */
    private static final int IMAGE_CELL = 4;
    private static final int COLUMNS = 8;

    /**
     * @param model the model directory
     * @param data labelled data to look at the model's work on, or null
     * @param tune a tuning folder whose leaderboard to show, or null
     * @param out the report folder to make (absent or empty)
     * @param mistakes how many of the most confident mistakes to show
     * @param examples how many images the model gets right, and as many it gets wrong, to draw it at work on
     */
    public record Request(String model, String data, String tune, Path out, int mistakes, int examples) {}

    private final Configuration conf;
    private final Request request;
    private final Model model;
    private ReportPage page;

    private ReportJob(Configuration conf, Request request, Model model) {
        this.conf = conf;
        this.request = request;
        this.model = model;
    }

    /** A report written: its page, and about how tall that page is in a browser, in pixels. */
    public record Written(Path index, int height) {}

    /** Writes the report; {@code spark} is needed only with data. */
    public static Written run(SparkSession spark, Configuration conf, Request request, Consumer<String> log) {
        Model model = ModelDir.read(conf, request.model());
        if (model.architecture().inputs() != DigitImages.PIXELS) {
            throw new BadInputException("--model " + request.model() + ": expected a network with "
                    + DigitImages.PIXELS + " inputs (28x28 images), found " + model.architecture().inputs());
        }
        Path out = request.out().toAbsolutePath().normalize();
        boolean emptyFolder = Files.isDirectory(out) && isEmptyDirectory(out);
        if (Files.exists(out) && !emptyFolder) {
            throw new BadInputException("--out " + request.out() + ": already exists and is not an empty folder");
        }
        // The page is written with java.nio: a local path, whatever the default Hadoop file system.
        OutputDir output = OutputDir.begin(out.toUri().toString(), emptyFolder, conf, "--out",
                Arrays.asList(request.model(), request.data(), request.tune()));
        ReportJob job = new ReportJob(conf, request, model);
        try {
            Path staging = Path.of(new org.apache.hadoop.fs.Path(output.staging()).toUri());
            Files.createDirectory(staging);
            job.page = new ReportPage(staging);
            job.write(spark, log);
        } catch (IOException e) {
            output.abort();
            throw new UncheckedIOException("writing " + out, e);
        } catch (RuntimeException e) {
            output.abort();
            throw e;
        }
        output.commit();
        return new Written(out.resolve("index.html"), job.page.height());
    }

    private void write(SparkSession spark, Consumer<String> log) {
        Architecture a = model.architecture();
        ModelInfo info = model.info();
        page.paragraph(String.format(Locale.ROOT, "Model %s: layers %s, %s hidden, %s output; %d parameters%s.",
                request.model(), a.sizesText(), a.hidden().id(), a.output().id(), a.parameterCount(),
                info.testAccuracy() == null ? ""
                        : String.format(Locale.ROOT, "; test accuracy %.2f %%", 100 * info.testAccuracy())));
        page.link("Draw a digit and watch the network think: " + ExplorePage.FILE, ExplorePage.FILE);
        log.accept("report: weights");
        weights();
        if (info.epochs() != null && !info.epochs().isEmpty()) {
            page.heading("Training");
            page.image("curves", Charts.trainingCurves(info.epochs()),
                    "Training loss and validation accuracy per epoch, from model.json");
        }
        List<DataPass.Example> examples = new ArrayList<>();
        if (request.data() != null) {
            log.accept("report: scoring " + request.data());
            DataPass.Findings findings = DataPass.scan(model, DigitLoader.table(spark,
                    DigitLoader.Source.of(request.data()), 0), request.data(), request.mistakes(), request.examples());
            if (findings.confusion().total() == 0) {
                throw new BadInputException("--data " + request.data() + ": no rows");
            }
            atWork(findings);
            mistakes(findings);
            examples.addAll(findings.right());
            examples.addAll(findings.wrong());
        }
        if (request.tune() != null) {
            log.accept("report: tuning " + request.tune());
            tuning();
        }
        page.write("digitnet report: " + request.model());
        ExplorePage.write(page.folder(), request.model(), model, examples);
    }

    private void weights() {
        Architecture a = model.architecture();
        double[][] w = model.parameters().weights;
        page.heading("Weights: what each neuron of the first hidden layer looks for");
        page.paragraph("Each map is one neuron's 784 incoming weights, one per pixel, laid out as the 28x28 "
                + "image: red where a bright pixel raises the neuron's input, blue where it lowers it, white "
                + "where it does not matter. Each map has its own scale (its largest weight is full colour). "
                + "Edges and strokes would show as red bands beside blue ones; many small networks learn "
                + "looser blobs and speckle instead. Judge for yourself.");
        page.image("weights-layer1", mapGrid(rows(w[0], a.out(0), a.in(0)), "neuron"),
                "Layer 1: " + a.out(0) + " neurons' weights (" + WEIGHT_CELL + "x per pixel)");
        // Deeper layers, carried back through the ones before: a linear view that ignores
        // the activations, but says which pixel pattern most raises a neuron's input.
        double[][] carried = rows(w[0], a.out(0), a.in(0));
        for (int l = 1; l < a.layers(); l++) {
            carried = multiply(rows(w[l], a.out(l), a.in(l)), carried);
            boolean output = l == a.layers() - 1;
            page.image(output ? "weights-output" : "weights-layer" + (l + 1),
                    mapGrid(carried, output ? "digit" : "neuron"),
                    (output ? "Output layer" : "Layer " + (l + 1)) + ": weights carried back to the pixels "
                            + "(each layer's weight matrix times the ones before, activations left out)");
        }
    }

    private void atWork(DataPass.Findings findings) {
        page.heading("The network at work");
        page.paragraph("The first images of " + request.data() + " the model gets right, then the first it gets "
                + "wrong: the image, every layer's activations as a column of neurons (white = 1, black = 0), and "
                + "the output layer as bars.");
        List<DataPass.Example> shown = new ArrayList<>(findings.right());
        shown.addAll(findings.wrong());
        Network pass = new Network(model.architecture(), 1);
        for (DataPass.Example example : shown) {
            pass.feedforward(model.parameters(), example.pixels(), 0, 1);
            List<double[]> activations = new ArrayList<>();
            for (int l = 0; l < model.architecture().layers(); l++) {
                activations.add(pass.activations(l).clone());
            }
            page.image("network-" + example.id(),
                    NetworkPicture.draw(example.pixels(), activations, example.label(), example.predicted()),
                    String.format(Locale.ROOT, "Row %d: true %d, predicted %d (%s)", example.id(), example.label(),
                            example.predicted(), example.right() ? "right" : "wrong"));
        }
    }

    private void mistakes(DataPass.Findings findings) {
        page.heading("Mistakes");
        page.paragraph(String.format(Locale.ROOT, "Accuracy on %s: %.2f %% of %d rows. Rows are the true digit, "
                + "columns the predicted one.", request.data(), 100 * findings.confusion().accuracy(),
                findings.confusion().total()));
        page.image("confusion", Charts.confusion(findings.confusion()), "Confusion matrix, with counts");
        if (findings.mistakes().isEmpty()) {
            page.paragraph("No mistakes.");
            return;
        }
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (DataPass.Example mistake : findings.mistakes()) {
            tiles.add(Pictures.greyImage(mistake.pixels(), DigitImages.SIDE, IMAGE_CELL));
            captions.add(String.format(Locale.ROOT, "%d as %d (%.2f)", mistake.label(), mistake.predicted(),
                    mistake.confidence()));
        }
        page.image("mistakes", Pictures.grid(tiles, captions, COLUMNS), "The " + tiles.size()
                + " mistakes made with the highest confidence: true digit as predicted digit (confidence)");
    }

    private void tuning() {
        List<TuneResult> results;
        try {
            results = TuneJob.recorded(conf, request.tune());
        } catch (UncheckedIOException e) {
            throw new BadInputException("--tune " + request.tune() + ": no results in its " + TuneJob.RUNS
                    + " folder (" + e.getCause().getMessage() + ")");
        }
        if (results.isEmpty()) {
            throw new BadInputException("--tune " + request.tune() + ": no results in its " + TuneJob.RUNS
                    + " folder");
        }
        Leaderboard leaderboard = new Leaderboard(results);
        page.heading("Tuning");
        page.paragraph("The leaderboard of " + request.tune() + ", ranked by best validation accuracy (never the "
                + "test set's), as the tune command ranks it.");
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (TuneResult r : leaderboard.results()) {
            rows.add(List.of(r.trained() ? Integer.toString(rank++) : "-",
                    r == leaderboard.best() ? r.name() + " (best)" : r.name(), Long.toString(r.parameters()),
                    r.rung() == null ? "" : Integer.toString(r.rung()), Integer.toString(r.epochs()),
                    percent(r.bestValidationAccuracy()), r.bestEpoch() == null ? "" : Integer.toString(r.bestEpoch()),
                    percent(r.testAccuracy()), String.format(Locale.ROOT, "%.1f", r.seconds()), r.statusText(),
                    r.error() == null ? "" : r.error()));
        }
        page.table(List.of("rank", "configuration", "parameters", "rung", "epochs", "best validation", "epoch", "test",
                "seconds", "status", "error"), rows);
        rungs(leaderboard);
        if (results.stream().anyMatch(TuneResult::trained)) {
            page.image("accuracy-vs-parameters", Charts.accuracyVsParameters(results),
                    "Each trained run's accuracy against its parameter count");
        }
    }

    /** With successive halving: every configuration's validation accuracy at each rung it reached, and where it stopped. */
    private void rungs(Leaderboard leaderboard) {
        int most = leaderboard.results().stream().filter(r -> r.rungAccuracies() != null)
                .mapToInt(r -> r.rungAccuracies().size()).max().orElse(0);
        if (most == 0) {
            return;
        }
        page.paragraph("Successive halving: each configuration's best validation accuracy so far at every rung it "
                + "reached; after each rung but the last, only the best third (1/η) went on.");
        List<String> header = new ArrayList<>(List.of("configuration"));
        for (int k = 1; k <= most; k++) {
            header.add("rung " + k);
        }
        header.add("status");
        List<List<String>> rows = new ArrayList<>();
        for (TuneResult r : leaderboard.results()) {
            List<String> row = new ArrayList<>(List.of(r.name()));
            List<Double> accuracies = r.rungAccuracies() == null ? List.of() : r.rungAccuracies();
            for (int k = 0; k < most; k++) {
                row.add(k < accuracies.size() ? percent(accuracies.get(k)) : "");
            }
            row.add(r.statusText());
            rows.add(row);
        }
        page.table(header, rows);
    }

    /** One weight map a row, as a grid with a caption each: "neuron 3" (or "digit 3") and its full-colour size. */
    private static BufferedImage mapGrid(double[][] maps, String noun) {
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int j = 0; j < maps.length; j++) {
            DivergingScale scale = DivergingScale.of(maps[j]);
            tiles.add(Pictures.heatMap(maps[j], DigitImages.SIDE, scale, WEIGHT_CELL));
            captions.add(String.format(Locale.ROOT, "%s %d  ±%.2f", noun, noun.equals("digit") ? j : j + 1,
                    scale.scale()));
        }
        return Pictures.grid(tiles, captions, COLUMNS);
    }

    /** A row-major out x in matrix as its rows. */
    private static double[][] rows(double[] matrix, int out, int in) {
        double[][] rows = new double[out][];
        for (int j = 0; j < out; j++) {
            rows[j] = java.util.Arrays.copyOfRange(matrix, j * in, (j + 1) * in);
        }
        return rows;
    }

    private static double[][] multiply(double[][] left, double[][] right) {
        double[][] product = new double[left.length][right[0].length];
        for (int i = 0; i < left.length; i++) {
            for (int k = 0; k < right.length; k++) {
                for (int j = 0; j < right[0].length; j++) {
                    product[i][j] += left[i][k] * right[k][j];
                }
            }
        }
        return product;
    }

    private static String percent(Double fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    private static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
