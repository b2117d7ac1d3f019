package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.digitnet.data.FieldData;
import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Activation;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Loss;
import io.digitnet.nn.Parameters;
import io.digitnet.score.ScoreJob;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fields of several digits through the command line: make-scan-data --fields, score --fields, evaluate --fields. */
class FieldsCommandTest {
    static SparkSession spark;
    static Path model;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(FieldsCommandTest.class);
        model = shared.resolve("model");
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), model.toString(), Architecture.CLASSIC,
                Parameters.initial(Architecture.CLASSIC, 7), ModelInfo.NONE, false);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** A field of {@code count} upright strokes, well apart, dark on white, with a dust speck between the first two. */
    private static byte[] strokes(int count) throws IOException {
        BufferedImage page = new BufferedImage(40 + 45 * count, 100, BufferedImage.TYPE_BYTE_GRAY);
        var raster = page.getRaster();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                boolean stroke = y >= 20 && y < 80 && (x - 20) % 45 < 9 && x >= 20 && (x - 20) / 45 < count;
                boolean speck = count > 1 && y >= 60 && y < 62 && x >= 49 + 4 && x < 49 + 6;
                raster.setSample(x, y, 0, stroke || speck ? 20 : 235);
            }
        }
        return png(page);
    }

    private static byte[] png(BufferedImage page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(page, "png", bytes);
        return bytes.toByteArray();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun score(Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString(), "--fields"));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void eachFieldIsOneRowWithItsDigitsAndABlankOneIsARejectWithItsReason() throws IOException {
        Path folder = threeFiveAndBlank("fields");
        BufferedImage blank = blankPaper();
        blank.getRaster().setSamples(100, 50, 2, 2, 0, filled(4, 20));
        Files.write(folder.resolve("speck.png"), png(blank));
        Files.write(folder.resolve("torn.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path output = dir.resolve("out");
        CliRun run = score(folder, output, "--digits", "5", "--review-below", "0", "--keep", "path");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 5 input fields: 2 scored, 3 rejected, 1 need review"), run.out());

        Map<String, Row> scored = spark.read().parquet(output.resolve(ScoreJob.SCORED).toString()).collectAsList()
                .stream().collect(Collectors.toMap(row -> name(row.getString(0)), row -> row));
        assertEquals(List.of("path", "text", "digits", "predictions", "confidences", "confidence", "needs_review"),
                Arrays.asList(scored.get("five.png").schema().fieldNames()));
        for (String name : List.of("three.png", "five.png")) {
            Row row = scored.get(name);
            int digits = name.equals("five.png") ? 5 : 3;
            assertEquals(digits, row.getInt(2), "the speck is no digit: " + row);
            List<Integer> predictions = row.getList(3);
            List<Double> confidences = row.getList(4);
            assertEquals(predictions.stream().map(String::valueOf).collect(Collectors.joining()), row.getString(1));
            assertEquals(digits, confidences.size());
            assertEquals(confidences.stream().reduce(1.0, (a, b) -> a * b), row.getDouble(5), 1e-12);
            // Reviewed for the count alone: --review-below 0 accepts any confidence.
            assertEquals(digits != 5, row.getBoolean(6), row.toString());
        }
        Map<String, String> reasons = spark.read().parquet(output.resolve(ScoreJob.REJECTS).toString())
                .collectAsList().stream().collect(Collectors.toMap(row -> name(row.getString(0)), row -> row.getString(1)));
        assertEquals(Map.of("blank.png", "field has no ink", "speck.png", "field has no digit-like ink", "torn.png",
                "not a PNG or JPEG image"), reasons);
        JsonNode summary = new ObjectMapper().readTree(output.resolve(ScoreJob.SUMMARY).toFile());
        assertEquals(5, summary.get("inputRows").asLong());
        assertEquals(2, summary.get("scored").asLong());
        assertEquals(3, summary.get("rejected").asLong());
        assertEquals(1, summary.get("needsReview").asLong());
        assertEquals(5, summary.get("expectedDigits").asInt());
    }

    /**
     * evaluate --fields names the fields read with another count than their label says, and
     * the rejected ones with their reason, by path: where a person looks first.
     */
    @Test
    void evaluateNamesTheFieldsReadWithTheWrongCount() throws IOException {
        Path folder = threeFiveAndBlank("miscounted");
        Files.writeString(folder.resolve("labels.csv"), "three.png,111\nfive.png,1111\nblank.png,42\n");
        CliRun evaluate = run("evaluate", "--model", model.toString(), "--data", folder.toString(), "--fields");
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        List<String> listed = evaluate.out().lines().filter(line -> line.startsWith("  file:")).toList();
        assertTrue(evaluate.out().contains("fields read with another count than labelled, or rejected: 2\n"),
                evaluate.out());
        assertEquals(2, listed.size(), evaluate.out());
        assertTrue(listed.get(0).endsWith("/blank.png: labelled 42, rejected: field has no ink"), listed.get(0));
        assertTrue(listed.get(1).matches("  file:.*/five\\.png: labelled 1111, read \\d{5}"), listed.get(1));
    }

    /**
     * A whole-digit check (here any network of 784 inputs) is asked only where free writing
     * could be cut: digits well apart read as without it, in score and evaluate alike. It is
     * named by --digit-check, or found in the model's own digit-check folder unless
     * --no-digit-check.
     */
    @Test
    void aDigitCheckLeavesDigitsWellApartAsTheyAre() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fields"));
        Files.write(folder.resolve("three.png"), strokes(3));
        Files.write(folder.resolve("five.png"), strokes(5));
        Files.writeString(folder.resolve("labels.csv"), "three.png,111\nfive.png,11111\n");
        Path checked = dir.resolve("checked-model");
        for (Path at : List.of(checked, checked.resolve("digit-check"))) {
            ModelDir.write(spark.sparkContext().hadoopConfiguration(), at.toString(), Architecture.CLASSIC,
                    Parameters.initial(Architecture.CLASSIC, 7), ModelInfo.NONE, false);
        }
        String check = "cut with the whole-digit check ";
        Map<String, String> texts = new java.util.HashMap<>();
        // {model, extra option, the check used or null}
        for (String[] way : new String[][] {{model.toString(), null, null},
                {model.toString(), "--digit-check=" + model, model.toString()},
                {checked.toString(), null, checked.resolve("digit-check").toString()},
                {checked.toString(), "--no-digit-check", null}}) {
            Path output = dir.resolve("out-" + texts.size() + "-" + way[2]);
            List<String> scoreArgs = new ArrayList<>(List.of("score", "--model", way[0], "--input", folder.toString(),
                    "--output", output.toString(), "--fields", "--keep", "path"));
            List<String> evaluateArgs = new ArrayList<>(List.of("evaluate", "--model", way[0], "--data",
                    folder.toString(), "--fields"));
            if (way[1] != null) {
                scoreArgs.add(way[1]);
                evaluateArgs.add(way[1]);
            }
            CliRun score = run(scoreArgs.toArray(String[]::new));
            assertEquals(0, score.exitCode(), score.toString());
            assertEquals(way[2] != null, score.out().contains("score: free writing " + check + way[2]), score.out());
            assertEquals(way[2] != null, score.out().contains(check), score.out());
            for (Row row : spark.read().parquet(output.resolve(ScoreJob.SCORED).toString()).collectAsList()) {
                String before = texts.putIfAbsent(name(row.getString(0)), row.getString(1));
                assertTrue(before == null || row.getString(1).equals(before), row + " read " + before + " before");
            }
            CliRun evaluate = run(evaluateArgs.toArray(String[]::new));
            assertEquals(0, evaluate.exitCode(), evaluate.toString());
            assertEquals(way[2] != null, evaluate.out().contains("evaluate: free writing " + check + way[2]),
                    evaluate.out());
            assertTrue(evaluate.out().contains("digit count right 1.0000 (2)"), evaluate.out());
        }
    }

    /**
     * score --incremental --fields over a landing folder that grows between two runs reads
     * each field once, as batch scoring reads it: the same text, digits, confidences and
     * review flag, the same reasons for the rejects.
     */
    @Test
    void nightlyRunsReadFieldsAsBatchScoringDoes() throws IOException {
        Path folder = threeFiveAndBlank("batch");
        Files.write(folder.resolve("torn.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path batch = dir.resolve("batch-out");
        CliRun scored = score(folder, batch, "--digits", "5", "--keep", "path");
        assertEquals(0, scored.exitCode(), scored.toString());
        Map<String, Row> expected = spark.read().parquet(batch.resolve(ScoreJob.SCORED).toString()).collectAsList()
                .stream().collect(Collectors.toMap(row -> name(row.getString(0)), row -> row));
        Map<String, String> reasons = spark.read().parquet(batch.resolve(ScoreJob.REJECTS).toString())
                .collectAsList().stream().collect(Collectors.toMap(row -> name(row.getString(0)), row -> row.getString(1)));

        Path landing = Files.createDirectories(dir.resolve("landing"));
        Path out = dir.resolve("nightly");
        List<List<String>> nights = List.of(List.of("three.png", "blank.png"), List.of("five.png", "torn.png"));
        for (List<String> night : nights) {
            for (String file : night) {
                Files.copy(folder.resolve(file), landing.resolve(file));
            }
            CliRun run = score(landing, out, "--incremental", "--digits", "5", "--keep", "path");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("2 files, 2 fields: 1 scored, 1 rejected"), run.out());
        }
        List<Row> table = spark.read().parquet(out.resolve(io.digitnet.score.IncrementalScore.TABLE).toString())
                .collectAsList();
        assertEquals(4, table.size());
        for (Row row : table) {
            String name = name(row.getString(row.fieldIndex("path")));
            if (row.getString(row.fieldIndex("outcome")).equals("rejected")) {
                assertEquals(reasons.get(name), row.getString(row.fieldIndex("reason")), name);
                assertTrue(row.isNullAt(row.fieldIndex("text")), row.toString());
                continue;
            }
            Row want = expected.get(name);
            for (String column : List.of("text", "digits", "predictions", "confidences", "confidence", "needs_review")) {
                assertEquals(want.get(want.fieldIndex(column)), row.get(row.fieldIndex(column)), name + " " + column);
            }
        }
    }

    /** A folder {@code name} with three.png and five.png (3 and 5 upright strokes) and blank.png (paper alone). */
    private Path threeFiveAndBlank(String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve("three.png"), strokes(3));
        Files.write(folder.resolve("five.png"), strokes(5));
        Files.write(folder.resolve("blank.png"), png(blankPaper()));
        return folder;
    }

    /** 200x100 of light grey paper. */
    private static BufferedImage blankPaper() {
        BufferedImage blank = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);
        blank.getRaster().setSamples(0, 0, 200, 100, 0, filled(200 * 100, 235));
        return blank;
    }

    private static int[] filled(int count, int level) {
        int[] levels = new int[count];
        Arrays.fill(levels, level);
        return levels;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void renderedFieldsAreNamedByTheirTextListedInLabelsAndEvaluated() throws IOException {
        Path images = IdxFixtures.writePair(dir, "digits", 60, 5, false);
        Path fields = dir.resolve("fields");
        CliRun render = run("make-scan-data", "--input", images.toString(), "--fields", "3-8", "--count", "12",
                "--style", "noisy", "--out", fields.toString());
        assertEquals(0, render.exitCode(), render.toString());
        assertTrue(render.out().contains("make-scan-data: 12 fields of"), render.out());
        List<String> lines = Files.readAllLines(fields.resolve(FieldData.LABELS));
        assertEquals("path,text", lines.get(0));
        assertEquals(13, lines.size());
        byte[] labels = IdxFixtures.labels(60);
        int next = 0;
        int labelled = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] pathText = line.split(",");
            assertTrue(Files.exists(fields.resolve(pathText[0])), pathText[0]);
            assertTrue(pathText[0].matches("\\d{6}-" + pathText[1] + "\\.(png|jpg)"), pathText[0]);
            assertTrue(pathText[1].length() >= 3 && pathText[1].length() <= 8, line);
            for (char digit : pathText[1].toCharArray()) {
                assertEquals(labels[next++ % 60], digit - '0', "the source's digits, in order: " + line);
            }
            labelled += pathText[1].length();
        }
        try (var files = Files.list(fields)) {
            assertEquals(13, files.filter(file -> !file.getFileName().toString().startsWith(".")).count(),
                    "the fields and labels.csv (and the file system's hidden checksums)");
        }

        Path json = dir.resolve("figures.json");
        CliRun evaluate = run("evaluate", "--model", model.toString(), "--data", fields.toString(), "--fields",
                "--target-error", "0.01", "--json", json.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.out().startsWith("fields 12: text right "), evaluate.out());
        assertTrue(evaluate.out().contains("accepted without review (confidence >= threshold), of 12 fields:"),
                evaluate.out());
        assertTrue(evaluate.out().contains("target error 1 %"), evaluate.out());
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertEquals(12, figures.get("fields").asLong());
        assertEquals(labelled, figures.get("labelledDigits").asLong());
        long countRight = figures.get("countRight").asLong();
        assertTrue(figures.get("textRight").asLong() <= countRight);
        assertTrue(figures.get("digits").get("total").asLong() <= labelled);
        assertEquals(countRight / 12.0, figures.get("countAccuracy").asDouble(), 1e-12);
        JsonNode fieldsAccepted = figures.get("fields_acceptance").get("acceptance");
        assertEquals(12, fieldsAccepted.get("answers").asLong());
        assertEquals(12 - figures.get("textRight").asLong(), fieldsAccepted.get("wrong").asLong());
        JsonNode digitsAccepted = figures.get("digits_acceptance").get("acceptance");
        assertEquals(figures.get("digits").get("total").asLong(), digitsAccepted.get("answers").asLong(),
                "the digits of the fields whose count is right");
        assertEquals(figures.get("digits").get("total").asLong() - figures.get("digits").get("correct").asLong(),
                digitsAccepted.get("wrong").asLong());
        assertEquals(0.01, figures.get("fields_acceptance").get("target_error").get("target_error").asDouble());
    }

    @Test
    void aFolderOfFieldsPackedByIngestScoresAsTheFolderDoes() throws IOException {
        Path images = IdxFixtures.writePair(dir, "packed-digits", 30, 9, false);
        Path fields = dir.resolve("fields-to-pack");
        assertEquals(0, run("make-scan-data", "--input", images.toString(), "--fields", "3-5", "--count", "5",
                "--style", "form", "--out", fields.toString()).exitCode());
        Path packed = dir.resolve("packed-fields");
        CliRun ingest = run("ingest", "--input", fields.toString(), "--input-format", "images", "--output",
                packed.toString());
        assertEquals(0, ingest.exitCode(), ingest.toString());

        CliRun fromFolder = score(fields, dir.resolve("fields-from-folder"), "--keep", "path");
        CliRun fromPacked = score(packed, dir.resolve("fields-from-packed"), "--keep", "path");
        assertEquals(0, fromPacked.exitCode(), fromPacked.toString());
        assertTrue(fromPacked.out().contains("score: 5 input fields: "), fromPacked.out());
        assertEquals(fromFolder.out().lines().filter(line -> line.startsWith("score: ")).findFirst()
                .map(line -> line.substring(0, line.indexOf(" need review"))), fromPacked.out().lines()
                .filter(line -> line.startsWith("score: ")).findFirst()
                .map(line -> line.substring(0, line.indexOf(" need review"))));
        assertEquals(spark.read().parquet(dir.resolve("fields-from-folder").resolve(ScoreJob.SCORED).toString())
                .orderBy("path").collectAsList(), spark.read().parquet(dir.resolve("fields-from-packed")
                .resolve(ScoreJob.SCORED).toString()).orderBy("path").collectAsList());
    }

    @Test
    void badFieldOptionsAndLabelsAreOneLineAndExitTwo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fields"));
        Files.write(folder.resolve("a.png"), strokes(3));
        Files.write(folder.resolve("b.png"), strokes(4));
        Path csv = IdxFixtures.write(dir, "digits.csv", "3,0,0\n".getBytes());
        Path output = dir.resolve("out");
        for (String[] args : new String[][] {
                {"--digits", "0", "--digits: expected a digit count 1..64, found 0"},
                {"--digits", "65", "--digits: expected a digit count 1..64, found 65"},
                {"--outputs", null, "--outputs: expected without --fields (a field's digits have predictions and "
                        + "confidences), found with it"}}) {
            CliRun run = args[1] == null ? score(folder, output, args[0]) : score(folder, output, args[0], args[1]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet score: " + args[2]), run.errLines());
            assertFalse(Files.exists(output));
        }
        CliRun withoutFields = run("score", "--model", model.toString(), "--input", folder.toString(), "--output",
                output.toString(), "--digits", "5");
        assertEquals(List.of("digitnet score: --digits: expected with --fields (a field's digit count), found without"),
                withoutFields.errLines());
        for (String job : List.of("score", "evaluate")) {
            CliRun unchecked = job.equals("score") ? run("score", "--model", model.toString(), "--input",
                    folder.toString(), "--output", output.toString(), "--digit-check", model.toString())
                    : run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--digit-check",
                            model.toString());
            assertEquals(2, unchecked.exitCode(), unchecked.toString());
            assertEquals(List.of("digitnet " + job + ": --digit-check: expected with --fields (it judges a field's "
                    + "digits), found without"), unchecked.errLines());
        }
        CliRun both = score(folder, output, "--digit-check", model.toString(), "--no-digit-check");
        assertEquals(List.of("digitnet score: --no-digit-check: expected it or --digit-check, found both"),
                both.errLines());
        CliRun offWithoutFields = run("evaluate", "--model", model.toString(), "--data", csv.toString(),
                "--no-digit-check");
        assertEquals(List.of("digitnet evaluate: --no-digit-check: expected with --fields (it judges a field's "
                + "digits), found without"), offWithoutFields.errLines());
        Path odd = dir.resolve("odd-model");
        Architecture oddShape = new Architecture(new int[] {10, 3, 10}, Activation.SIGMOID, Activation.SIGMOID,
                Loss.CROSS_ENTROPY);
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), odd.toString(), oddShape,
                Parameters.initial(oddShape, 7), ModelInfo.NONE, false);
        CliRun oddCheck = score(folder, output, "--digit-check", odd.toString());
        assertEquals(2, oddCheck.exitCode(), oddCheck.toString());
        assertEquals(List.of("digitnet score: --digit-check " + odd + ": expected a whole-digit check of 784 inputs and 2 "
                + "outputs or more, found a network of 10,3,10"), oddCheck.errLines());
        assertFalse(Files.exists(output));
        CliRun notImages = score(csv, output);
        assertEquals(2, notImages.exitCode(), notImages.toString());
        assertEquals(List.of("digitnet score: --fields: expected PNG or JPEG files, one field each, found " + csv
                + " holding digits as csv line"), notImages.errLines());
        assertFalse(Files.exists(output));

        String labels = folder.resolve("labels.csv").toString();
        for (String[] content : new String[][] {
                {"path,text\na.png,123\nb.png,12x4\n", labels + ": line 3: expected path,text (text: the field's 1 to 64 "
                        + "digits), found 'b.png,12x4'"},
                {"a.png,123\nb.png\n", labels + ": line 2: expected path,text (text: the field's 1 to 64 digits), "
                        + "found 'b.png'"},
                {"path,text\na.png,123\na.png,1234\n", labels + ": line 3: expected each field once, found a.png again"},
                {"path,text\n", labels + ": expected path,text lines, found none"},
                {"a.png,123\n", labels + ": expected a label for every field in " + folder + ", found none for file:"
                        + folder.resolve("b.png")},
                {"a.png,123\nb.png,1234\nc.png,12\n", labels + ": expected every labelled field in " + folder
                        + ", found no image file:" + folder.resolve("c.png")}}) {
            Files.writeString(folder.resolve("labels.csv"), content[0]);
            CliRun run = run("evaluate", "--model", model.toString(), "--data", folder.toString(), "--fields");
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet evaluate: " + content[1]), run.errLines());
        }
        Path none = dir.resolve("none.csv");
        CliRun missing = run("evaluate", "--model", model.toString(), "--data", folder.toString(), "--fields",
                "--labels", none.toString());
        assertEquals(List.of("digitnet evaluate: " + none + ": no such labels file"), missing.errLines());
        CliRun labelsAlone = run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--labels",
                none.toString());
        assertEquals(List.of("digitnet evaluate: --labels: expected with --fields (the fields' texts), found without"),
                labelsAlone.errLines());
        CliRun range = run("make-scan-data", "--input", csv.toString(), "--fields", "8-3", "--out",
                dir.resolve("made").toString());
        assertEquals(List.of("digitnet make-scan-data: --fields: expected a count 1..20 or a range MIN-MAX within it "
                + "(e.g. 3-8), found '8-3'"), range.errLines());
        assertFalse(Files.exists(dir.resolve("made")));
    }
}
