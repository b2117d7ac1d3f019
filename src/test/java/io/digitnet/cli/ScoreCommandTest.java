package io.digitnet.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.images.ScanRenderer;
import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.AcceptanceCurve;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.score.ScoreJob;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** score through the command line: every input row gets exactly one outcome. */
class ScoreCommandTest {
    static SparkSession spark;
    static Path model;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(ScoreCommandTest.class);
        model = shared.resolve("model");
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), model.toString(), Architecture.CLASSIC,
                Parameters.initial(Architecture.CLASSIC, 7), ModelInfo.NONE, false);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private CliRun score(Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString()));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Dataset<Row> scored(Path output) {
        return spark.read().parquet(output.resolve(ScoreJob.SCORED).toString());
    }

    private static Dataset<Row> rejects(Path output) {
        return spark.read().parquet(output.resolve(ScoreJob.REJECTS).toString());
    }

    private static double[] values(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }

    @Test
    void badRowsOfAnArrayColumnAreRejectedWithTheirReasonAndTheRestScored() {
        Random random = new Random(3);
        double[] nan = values(random, 784);
        nan[17] = Double.NaN;
        double[] infinite = values(random, 784);
        infinite[5] = Double.POSITIVE_INFINITY;
        double[] tooBright = values(random, 784);
        tooBright[700] = 1.5;
        Map<String, String> expectedReasons = Map.of(
                "f-nan", "value 17 is NaN",
                "f-inf", "value 5 is Infinity",
                "f-short", "expected 784 values, found 783",
                "f-bright", "value 700 is 1.5, expected 0..1",
                "f-null", "no image (null)");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create("f-good-" + i, values(random, 784)));
        }
        rows.add(RowFactory.create("f-nan", nan));
        rows.add(RowFactory.create("f-inf", infinite));
        rows.add(RowFactory.create("f-short", values(random, 783)));
        rows.add(RowFactory.create("f-bright", tooBright));
        rows.add(RowFactory.create("f-null", null));
        StructType schema = new StructType().add("form_id", DataTypes.StringType)
                .add("image", DataTypes.createArrayType(DataTypes.DoubleType));
        Path input = dir.resolve("forms.parquet");
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(input.toString());

        Path output = dir.resolve("out");
        CliRun run = score(input, output, "--keep", "form_id", "--image-column", "image", "--outputs");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 25 input rows: 20 scored, 5 rejected"), run.out());

        List<Row> scored = scored(output).collectAsList();
        assertEquals(List.of("form_id", "prediction", "confidence", "outputs", "needs_review"),
                Arrays.asList(scored(output).columns()));
        assertEquals(List.of("form_id", "reason"), Arrays.asList(rejects(output).columns()));
        Map<String, String> rejected = new HashMap<>();
        for (Row row : rejects(output).collectAsList()) {
            assertNull(rejected.put(row.getString(0), row.getString(1)), "once: " + row);
        }
        assertEquals(expectedReasons, rejected);
        List<String> ids = new ArrayList<>(scored.stream().map(row -> row.getString(0)).toList());
        assertEquals(20, ids.size());
        assertEquals(20, ids.stream().distinct().filter(id -> id.startsWith("f-good-")).count());
        for (Row row : scored) {
            List<Double> outputs = row.getList(3);
            assertEquals(10, outputs.size());
            int brightest = 0;
            for (int j = 1; j < 10; j++) {
                brightest = outputs.get(j) > outputs.get(brightest) ? j : brightest;
            }
            assertEquals(brightest, row.getInt(1), "prediction is the brightest output: " + row);
            assertEquals(outputs.get(brightest), row.getDouble(2), 0.0, "confidence is its activation");
            assertEquals(row.getDouble(2) < 0.9, row.getBoolean(4), "needs_review: " + row);
        }
        String summary = readString(output.resolve(ScoreJob.SUMMARY));
        assertTrue(summary.contains("\"inputRows\" : 25") && summary.contains("\"rejected\" : 5"), summary);
    }

    @Test
    void scoringIdxGivesEvaluatesAccuracyAndOneRowPerImage() {
        Path images = IdxFixtures.writePair(dir, "digits", 600, 9, true);
        Path output = dir.resolve("out");
        CliRun run = score(images, output, "--review-below", "0.5");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 600 input rows: 600 scored, 0 rejected"), run.out());
        Dataset<Row> scored = scored(output);
        assertEquals(List.of("id", "label", "prediction", "confidence", "needs_review"),
                Arrays.asList(scored.columns()));
        assertEquals(List.of("id", "label", "reason"), Arrays.asList(rejects(output).columns()));
        assertEquals(0, rejects(output).count());
        assertEquals(600, scored.select("id").distinct().count());
        assertEquals(599, scored.agg(org.apache.spark.sql.functions.max("id")).first().getLong(0));
        long correct = scored.filter(col("label").equalTo(col("prediction"))).count();
        long review = scored.filter(col("confidence").lt(0.5)).count();
        assertEquals(review, scored.filter(col("needs_review")).count());
        assertTrue(run.out().contains(review + " need review (confidence < 0.5)"), run.out());

        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", images.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.out().startsWith(String.format("accuracy %.4f (%d of 600)", correct / 600.0, correct)),
                evaluate.out() + " vs " + correct + " right in the scored output");
    }

    @Test
    void vectorParquetPassesEveryOtherColumnThroughByDefault() {
        List<Row> rows = new ArrayList<>();
        Random random = new Random(5);
        for (long i = 0; i < 50; i++) {
            rows.add(RowFactory.create(i * 10, "batch-7", Vectors.dense(values(random, 784))));
        }
        StructType schema = new StructType().add("ticket", DataTypes.LongType).add("batch", DataTypes.StringType)
                .add("features", SQLDataTypes.VectorType());
        Path input = dir.resolve("vectors.parquet");
        spark.createDataFrame(rows, schema).write().parquet(input.toString());
        Path output = dir.resolve("out");
        CliRun run = score(input, output);
        assertEquals(0, run.exitCode(), run.toString());
        Dataset<Row> scored = scored(output);
        assertEquals(List.of("ticket", "batch", "prediction", "confidence", "needs_review"),
                Arrays.asList(scored.columns()));
        assertEquals(50, scored.filter(col("batch").equalTo("batch-7")).select("ticket").distinct().count());
    }

    @Test
    void csvWithAndWithoutLabelsAndAMalformedLine() throws IOException {
        StringBuilder csv = new StringBuilder();
        Random random = new Random(11);
        for (int i = 0; i < 4; i++) {
            if (i % 2 == 0) {
                csv.append(i).append(',');
            }
            for (int p = 0; p < 784; p++) {
                csv.append(random.nextInt(256)).append(p < 783 ? "," : "\n");
            }
        }
        csv.append("7,1,2,3\n");
        Path input = dir.resolve("digits.csv");
        Files.writeString(input, csv);
        Path output = dir.resolve("out");
        CliRun run = score(input, output);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 5 input rows: 4 scored, 1 rejected"), run.out());
        Map<Long, Object> labels = new HashMap<>();
        scored(output).collectAsList().forEach(row -> labels.put(row.getLong(0), row.get(1)));
        assertEquals(Map.of(0L, 0, 1L, (Object) "none", 2L, 2, 3L, "none"),
                labels.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue() == null ? "none" : e.getValue())));
        Row reject = rejects(output).first();
        assertEquals(4L, reject.getLong(0));
        assertEquals("expected 784 or 785 comma-separated values, found 4", reject.getString(reject.fieldIndex("reason")));
    }

    @Test
    void aCsvWithAHeaderRejectsARowWithoutItsLabelEvenInALaterSplitAndAFileWithoutOneScoresIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("csvs"));
        String pixels = ",0".repeat(783) + ",255";
        List<String> headed = new ArrayList<>(List.of("label,p0,p1"));
        for (int i = 0; i < 8; i++) {
            headed.add(i + "," + pixels.substring(1));
        }
        headed.add(pixels.substring(1)); // 784 values: no label, though the header says there is one
        Files.write(folder.resolve("a.csv"), headed);
        Files.write(folder.resolve("b.csv"), List.of(pixels.substring(1), "3," + pixels.substring(1)));
        Path output = dir.resolve("out");
        CliRun run = score(folder, output, "--partitions", "6");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 11 input rows: 10 scored, 1 rejected"), run.out());
        Row reject = rejects(output).first();
        assertEquals(8L, reject.getLong(0));
        assertNull(reject.get(1));
        assertEquals("expected 785 values (label, then 784 pixels) as the header says, found 784",
                reject.getString(reject.fieldIndex("reason")));
    }

    @Test
    void anEmptyCsvParquetOrScanFolderIsRefusedInOneLineNamingIt() throws IOException {
        Path headerOnly = Files.write(dir.resolve("header.csv"), List.of("label,p0,p1"));
        CliRun run = score(headerOnly, dir.resolve("out"));
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).endsWith("header.csv: no rows (a header only)"), run.toString());
        assertFalse(Files.exists(dir.resolve("out")));

        String emptyParquet = dir.resolve("empty.parquet").toString();
        spark.createDataFrame(List.of(), io.digitnet.data.DigitFrames.COMPACT).write().parquet(emptyParquet);
        CliRun empty = score(Path.of(emptyParquet), dir.resolve("out"));
        assertEquals(2, empty.exitCode(), empty.toString());
        assertEquals(List.of("digitnet score: " + emptyParquet + ": no rows to score"), empty.errLines());
        assertFalse(Files.exists(dir.resolve("out")));

        Path scans = Files.createDirectories(dir.resolve("scans"));
        Files.write(scans.resolve("_hidden.png"), new byte[] {1});
        CliRun hidden = score(scans, dir.resolve("out"), "--input-format", "images");
        assertEquals(2, hidden.exitCode(), hidden.toString());
        assertEquals(List.of("digitnet score: " + scans + ": no rows (no *.png, *.jpg or *.jpeg files but hidden "
                + "ones; 1 file left out as hidden (names starting with '.' or '_'), e.g. _hidden.png)"),
                hidden.errLines());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void hiddenScansAreLeftOutAndCountedInTheSummary() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("scans"));
        byte[] pixels = IdxFixtures.pixels(2, 22);
        byte[] scan = ScanRenderer.render(Arrays.copyOf(pixels, 784), 1, ScanRenderer.Format.PNG);
        for (String name : List.of("a.png", "b.png", "_c.png", ".d.png")) {
            Files.write(folder.resolve(name), scan);
        }
        Path staged = Files.createDirectories(folder.resolve(".out.inprogress-1"));
        Files.write(staged.resolve("e.png"), scan);
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Path output = dir.resolve("out");
        CliRun run = score(folder, output);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 3 files left out as hidden (names starting with '.' or '_'), e.g. "),
                run.out());
        assertTrue(run.out().contains("score: 2 input rows: 2 scored, 0 rejected, "), run.out());
        assertTrue(run.out().contains("; 3 hidden files left out; "), run.out());
        String summary = Files.readString(output.resolve(ScoreJob.SUMMARY));
        assertTrue(summary.contains("\"hiddenFilesLeftOut\" : 3"), summary);
    }

    @Test
    void aFolderOfScansWithBrokenFiles() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("scans/2026-11-28"));
        byte[] pixels = IdxFixtures.pixels(3, 21);
        for (int i = 0; i < 3; i++) {
            byte[] digit = Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784);
            ScanRenderer.Format format = i == 2 ? ScanRenderer.Format.JPEG : ScanRenderer.Format.PNG;
            Files.write(folder.resolve("scan-" + i + (i == 2 ? ".jpg" : ".png")), ScanRenderer.render(digit, i, format));
        }
        Files.write(folder.resolve("torn.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(folder.resolve("empty.jpg"), new byte[0]);
        Files.write(folder.resolve("huge.png"), io.digitnet.testing.PngHeaders.declaring(
                ScanRenderer.render(Arrays.copyOf(pixels, 784), 0, ScanRenderer.Format.PNG), 100_000, 100_000));
        Files.writeString(folder.resolve("notes.txt"), "not an image, not an input");
        Path output = dir.resolve("out");
        CliRun run = score(dir.resolve("scans"), output, "--keep", "path");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 6 input rows: 3 scored, 3 rejected"), run.out());
        List<String> scoredPaths = scored(output).collectAsList().stream().map(row -> row.getString(0))
                .map(path -> path.substring(path.lastIndexOf('/') + 1)).sorted().toList();
        assertEquals(List.of("scan-0.png", "scan-1.png", "scan-2.jpg"), scoredPaths);
        for (Row reject : rejects(output).collectAsList()) {
            assertTrue(reject.getString(0).endsWith("torn.png") || reject.getString(0).endsWith("empty.jpg")
                    || reject.getString(0).endsWith("huge.png") && reject.getString(reject.fieldIndex("reason"))
                            .equals("image is too large"), reject.toString());
            assertFalse(reject.getString(reject.fieldIndex("reason")).isBlank(), reject.toString());
        }
    }

    @Test
    void aScanReplacedAfterHadoopWroteItIsScoredNotRefusedForItsOldChecksum() throws IOException {
        // make-scan-data and any Hadoop job write a hidden .crc beside each file; a scan
        // replaced since (scanned again, edited) no longer matches it, and is still a scan.
        Path folder = Files.createDirectories(dir.resolve("scans"));
        byte[] pixels = IdxFixtures.pixels(2, 23);
        org.apache.hadoop.fs.Path first = new org.apache.hadoop.fs.Path(folder.resolve("a.png").toUri());
        try (var out = org.apache.hadoop.fs.FileSystem.getLocal(spark.sparkContext().hadoopConfiguration())
                .create(first)) {
            out.write(ScanRenderer.render(Arrays.copyOf(pixels, 784), 1, ScanRenderer.Format.PNG));
        }
        assertTrue(Files.exists(folder.resolve(".a.png.crc")));
        Files.write(folder.resolve("a.png"), ScanRenderer.render(Arrays.copyOfRange(pixels, 784, 1568), 2,
                ScanRenderer.Format.PNG));
        Path output = dir.resolve("out");
        CliRun run = score(folder, output);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("score: 1 input rows: 1 scored, 0 rejected"), run.out());
    }

    @Test
    void aFolderPackedByIngestScoresAsTheFolderDoesRowByRow() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("scans/2026-12-03"));
        byte[] pixels = IdxFixtures.pixels(6, 24);
        for (int i = 0; i < 6; i++) {
            ScanRenderer.Format format = i % 2 == 0 ? ScanRenderer.Format.PNG : ScanRenderer.Format.JPEG;
            Files.write(folder.resolve("scan-" + i + (i % 2 == 0 ? ".png" : ".jpg")),
                    ScanRenderer.render(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), i, format));
        }
        Files.write(folder.resolve("torn.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(folder.resolve("empty.jpg"), new byte[0]);
        Files.write(folder.resolve("._scan-0.png"), new byte[] {1});
        Path scans = dir.resolve("scans");
        Path packed = dir.resolve("packed");
        CliRun ingest = CliRun.of("ingest", "--input", scans.toString(), "--input-format", "images", "--output",
                packed.toString());
        assertEquals(0, ingest.exitCode(), ingest.toString());
        assertTrue(ingest.out().contains("ingest: 1 file left out as hidden (names starting with '.' or '_'), e.g. "
                + "2026-12-03/._scan-0.png"), ingest.out());
        assertTrue(ingest.out().contains("ingest: 8 rows from " + scans), ingest.out());
        assertEquals("struct<path:string,modificationTime:timestamp,length:bigint,content:binary>",
                spark.read().parquet(packed.toString()).schema().simpleString());

        CliRun fromFolder = score(scans, dir.resolve("from-folder"));
        CliRun fromPacked = score(packed, dir.resolve("from-packed"));
        assertEquals(0, fromPacked.exitCode(), fromPacked.toString());
        assertTrue(fromPacked.out().contains("score: 8 input rows: 6 scored, 2 rejected"), fromPacked.out());
        assertEquals(scored(dir.resolve("from-folder")).orderBy("path").collectAsList(),
                scored(dir.resolve("from-packed")).orderBy("path").collectAsList());
        assertEquals(rejects(dir.resolve("from-folder")).orderBy("path").collectAsList(),
                rejects(dir.resolve("from-packed")).orderBy("path").collectAsList());
        assertEquals(0, fromFolder.exitCode(), fromFolder.toString());
        // Named, the content column is read as image files too.
        CliRun named = score(packed, dir.resolve("named"), "--image-column", "content", "--keep", "path");
        assertTrue(named.out().contains("score: 8 input rows: 6 scored, 2 rejected"), named.out());
    }

    @Test
    void aFileGivenAsAFolderOfScansIsRefusedInOneLine() throws IOException {
        Path file = Files.write(dir.resolve("scan.png"), ScanRenderer.render(Arrays.copyOf(IdxFixtures.pixels(1, 3),
                784), 1, ScanRenderer.Format.PNG));
        CliRun run = score(file, dir.resolve("out"), "--input-format", "images");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet score: " + file + ": expected a folder of *.png, *.jpg or *.jpeg scans, "
                + "found a file"), run.errLines());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void allRowsRejectedExitsWith2AfterWritingTheRejects() {
        List<Row> rows = List.of(RowFactory.create(1L, new double[] {0.5}), RowFactory.create(2L, new double[] {0.5}));
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("image", DataTypes.createArrayType(DataTypes.DoubleType));
        Path input = dir.resolve("short.parquet");
        spark.createDataFrame(rows, schema).write().parquet(input.toString());
        Path output = dir.resolve("out");
        CliRun run = score(input, output);
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("digitnet score: --input " + input + ": all 2 rows rejected, e.g. 'expected 784 values, "
                + "found 1' (see " + output + "/rejects)"), run.errLines());
        assertEquals(2, rejects(output).count());
        assertEquals(0, scored(output).count());
    }

    @Test
    void refusesBadOptionsAndAnExistingOutputInOneLineLeavingNothing() throws IOException {
        Path images = IdxFixtures.writePair(dir, "digits", 20, 9, false);
        Path output = dir.resolve("out");
        for (String[] args : new String[][] {
                {"--keep", "form_id", "--keep form_id: no such column in " + images + " (columns: id, label, pixels)"},
                {"--review-below", "1.5", "--review-below: expected a confidence 0..1, found 1.5"},
                {"--review-below", "-0.1", "--review-below: expected a confidence 0..1, found -0.1"},
                {"--review-below", "NaN", "--review-below: expected a confidence 0..1, found NaN"},
                {"--input-format", "tiff", "--input-format: expected one of auto, parquet, idx, csv, images, found 'tiff'"}}) {
            CliRun run = score(images, output, args[0], args[1]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet score: " + args[2]), run.errLines());
            assertFalse(Files.exists(output));
        }
        assertEquals(0, score(images, output).exitCode());
        CliRun again = score(images, output);
        assertEquals(2, again.exitCode(), again.toString());
        assertEquals(List.of("digitnet score: --output " + output + ": already exists (pass --overwrite to replace it)"),
                again.errLines());
        CliRun replaced = score(images, output, "--overwrite", "--outputs");
        assertEquals(0, replaced.exitCode(), replaced.toString());
        assertTrue(Arrays.asList(scored(output).columns()).contains("outputs"));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".out")).toList(),
                    "no staging directories left");
        }
    }

    /**
     * The test's model with a validation curve of 100 digits: 0 accepts all, 10 of them
     * wrong; {@code middle} 60, 3 wrong; 1 accepts 25, 1 wrong.
     */
    private Path modelWithCurve(double middle) {
        return modelWithCurve(spark, dir.resolve("curved"), middle);
    }

    /** As {@link #modelWithCurve(double)}, written to {@code withCurve}: incremental scoring's tests use it too. */
    static Path modelWithCurve(SparkSession spark, Path withCurve, double middle) {
        AcceptanceCurve curve = new AcceptanceCurve(100, 10, List.of(new AcceptanceCurve.Point(0, 100, 10, 100),
                new AcceptanceCurve.Point(middle, 60, 3, 100), new AcceptanceCurve.Point(1, 25, 1, 100)));
        ModelDir.write(spark.sparkContext().hadoopConfiguration(), withCurve.toString(), Architecture.CLASSIC,
                Parameters.initial(Architecture.CLASSIC, 7), new ModelInfo(null, null, null, null, null, null, curve,
                        null, null, null, null), false);
        return withCurve;
    }

    @Test
    void aTargetErrorTakesTheLowestThresholdTheModelsCurveMeetsItAtAndTheSummarySaysSo() throws IOException {
        Path images = IdxFixtures.writePair(dir, "digits", 300, 9, false);
        CliRun given = score(images, dir.resolve("given"), "--review-below", "0.7");
        assertEquals(0, given.exitCode(), given.toString());
        assertTrue(readString(dir.resolve("given").resolve(ScoreJob.SUMMARY))
                .contains("\"reviewThresholdFrom\" : \"--review-below\""), given.toString());
        // The curve's middle threshold: the median of the test model's confidences on these digits.
        double middle = scored(dir.resolve("given")).stat().approxQuantile("confidence", new double[] {0.5}, 0)[0];

        Path output = dir.resolve("out");
        CliRun run = CliRun.of("score", "--model", modelWithCurve(middle).toString(), "--input", images.toString(),
                "--output", output.toString(), "--target-error", "0.05");
        assertEquals(0, run.exitCode(), run.toString());
        String from = "target error 0.05 on the model's validation split (100 digits; it accepted 60.00 % of them, "
                + "5.000 % of those wrongly)";
        long review = scored(output).filter(col("confidence").lt(middle)).count();
        assertTrue(review > 0 && review < 300, "some rows above the threshold, some below: " + review);
        assertEquals(review, scored(output).filter(col("needs_review")).count());
        assertTrue(run.out().contains(review + " need review (confidence < " + middle + ", from " + from + ")"),
                run.out());
        String summary = Files.readString(output.resolve(ScoreJob.SUMMARY));
        assertTrue(summary.contains("\"reviewBelow\" : " + middle + ",")
                && summary.contains("\"reviewThresholdFrom\" : \"" + from + "\""), summary);
    }

    @Test
    void aTargetErrorThatCannotBeTakenIsOneLineAndExitTwoLeavingNothing() {
        Path images = IdxFixtures.writePair(dir, "digits", 20, 9, false);
        Path output = dir.resolve("out");
        Path curved = modelWithCurve(0.75);
        for (String[] args : new String[][] {
                {model.toString(), "--target-error", "0", "--target-error: expected an error rate between 0 and 1 "
                        + "(0.005 for 0.5 %), found 0.0"},
                {model.toString(), "--target-error", "1.5", "--target-error: expected an error rate between 0 and 1 "
                        + "(0.005 for 0.5 %), found 1.5"},
                {model.toString(), "--target-error", "NaN", "--target-error: expected an error rate between 0 and 1 "
                        + "(0.005 for 0.5 %), found NaN"},
                {curved.toString(), "--target-error", "0.005", "--review-below", "0.9", "--target-error: expected it "
                        + "or --review-below, found both (the target error picks the review threshold)"},
                {model.toString(), "--target-error", "0.005", "--target-error 0.005: expected a model with a "
                        + "validation curve, found none in " + model + "/model.json (trained without a validation "
                        + "split, or by an older digitnet); retrain it with --validation-fraction above 0, or give "
                        + "--review-below"},
                {curved.toString(), "--target-error", "0.0001", "--target-error 0.0001: no threshold meets it on the "
                        + "model's validation split (100 digits): the lowest error at any threshold is 4.000 % (1 of "
                        + "the 25 digits with confidence >= 1.0 wrong); give a larger --target-error, or "
                        + "--review-below"}}) {
            List<String> line = new ArrayList<>(List.of("score", "--model", args[0], "--input", images.toString(),
                    "--output", output.toString()));
            line.addAll(Arrays.asList(args).subList(1, args.length - 1));
            CliRun run = CliRun.of(line.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet score: " + args[args.length - 1]), run.errLines());
            assertFalse(Files.exists(output));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
