package io.digitnet.data;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make-digit-check-data on the real MNIST training images (from MNIST_DIR): the rows in
 * ingest's format, about half of them whole digits, the same for the same seed, and a
 * 784,32,2 check that train learns from them.
 */
class WholeDigitDataTest {
    private static final int ROWS = 2000;

    static SparkSession spark;
    /** A folder with MNIST's training files only: the job must not need the test set. */
    static Path trainingOnly;

    @TempDir
    static Path shared;
    static Path written;
    static CliRun made;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        Path mnist = MnistDir.require();
        spark = LocalSpark.start(WholeDigitDataTest.class);
        trainingOnly = Files.createDirectories(shared.resolve("training-only"));
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")) {
            Files.createSymbolicLink(trainingOnly.resolve(name), mnist.resolve(name));
        }
        written = shared.resolve("check-data");
        made = CliRun.of("make-digit-check-data", "--rows", String.valueOf(ROWS), "--out", written.toString(),
                "--mnist", trainingOnly.toString());
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void writesTheRowsInIngestsFormatAboutHalfWholeDigitsAndSaysSo() throws IOException {
        assertEquals(0, made.exitCode(), made.toString());
        Matcher summary = Pattern.compile("make-digit-check-data: " + ROWS + " rows to " + Pattern.quote(
                written.toString()) + " \\(([0-9.]+) % whole digits, \\d+ files, [0-9.]+ MB\\) in [0-9.]+ s\n")
                .matcher(made.out());
        assertTrue(summary.matches(), made.out());

        Dataset<Row> table = DigitLoader.table(spark, DigitLoader.Source.of(written.toString()), 0);
        assertEquals(DigitFrames.COMPACT.simpleString(), table.schema().simpleString());
        List<Row> rows = table.orderBy(DigitFrames.ID).collectAsList();
        assertEquals(ROWS, rows.size());
        long wholes = 0;
        for (int i = 0; i < ROWS; i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getLong(0), "ids are 0..N-1, each once");
            int label = row.getInt(1);
            assertTrue(label == 0 || label == 1, "row " + i + ": label " + label);
            wholes += label;
            byte[] pixels = (byte[]) row.get(2);
            assertEquals(DigitImages.PIXELS, pixels.length);
            int strongest = 0;
            for (byte p : pixels) {
                strongest = Math.max(strongest, p & 0xff);
            }
            assertEquals(255, strongest, "row " + i + ": normalised to full ink, as a scan is");
        }
        // Half of 2000 give or take 4 standard deviations (22 rows each).
        assertEquals(ROWS / 2, wholes, 90);
        assertEquals(100.0 * wholes / ROWS, Double.parseDouble(summary.group(1)), 0.05, "the summary's share");
        try (Stream<Path> siblings = Files.list(shared)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("inprogress")), "no staging left");
        }
    }

    @Test
    void theSameSeedMakesTheSameRowsWhateverThePartitioningAndAnotherSeedOthers() {
        assertEquals(0, made.exitCode(), made.toString());
        DigitLoader.Source images = DigitLoader.Source.of(trainingOnly.resolve("train-images-idx3-ubyte.gz")
                .toString());
        Path again = dir.resolve("again");
        WholeDigitData.Written rewritten = WholeDigitData.run(spark, images, begin(again), ROWS, 1, 3);
        assertEquals(ROWS, rewritten.parquet().rows());
        assertEquals(spark.read().parquet(written.toString()).orderBy("id").collectAsList(),
                spark.read().parquet(again.toString()).orderBy("id").collectAsList(), "identical rows");

        Path otherSeed = dir.resolve("other-seed");
        WholeDigitData.run(spark, images, begin(otherSeed), ROWS, 2, 0);
        long same = spark.read().parquet(otherSeed.toString()).select("id", "pixels")
                .intersect(spark.read().parquet(written.toString()).select("id", "pixels")).count();
        assertTrue(same < 20, "another seed makes other rows; " + same + " of " + ROWS + " are the same");
    }

    /** jobs/train.sh --train DIR --layers 784,32,2 --output softmax, on a few epochs: better than guessing. */
    @Test
    void trainLearnsAWholeDigitCheckFromTheRows() {
        assertEquals(0, made.exitCode(), made.toString());
        Path model = dir.resolve("check");
        CliRun trained = CliRun.of("train", "--train", written.toString(), "--out", model.toString(),
                "--layers", "784,32,2", "--output", "softmax", "--epochs", "4");
        assertEquals(0, trained.exitCode(), trained.toString());
        Matcher validation = Pattern.compile("validation accuracy ([0-9.]+)\\)").matcher(trained.out());
        assertTrue(validation.find(), trained.out());
        double accuracy = Double.parseDouble(validation.group(1));
        // Labels are about half 1s: guessing (or always saying "whole") is right about half the time.
        assertTrue(accuracy > 0.65, "validation accuracy " + accuracy + " on " + ROWS + " rows");
        assertEquals(0, spark.read().parquet(written.toString()).where(col("label").gt(1)).count());
    }

    @Test
    void refusesNoRowsAMissingOrExistingOutputInOneLine() throws IOException {
        CliRun none = CliRun.of("make-digit-check-data", "--rows", "0", "--out", dir.resolve("none").toString(),
                "--mnist", trainingOnly.toString());
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals(List.of("digitnet make-digit-check-data: --rows: expected a positive number, found 0"),
                none.errLines());

        CliRun noOut = CliRun.of("make-digit-check-data", "--rows", "10", "--mnist", trainingOnly.toString());
        assertEquals(2, noOut.exitCode(), noOut.toString());
        assertEquals(1, noOut.errLines().size(), noOut.toString());
        assertTrue(noOut.errLines().get(0).contains("Missing required option: '--out=DIR'"), noOut.toString());

        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "old");
        CliRun refused = CliRun.of("make-digit-check-data", "--rows", "10", "--out", existing.toString(),
                "--mnist", trainingOnly.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals(List.of("digitnet make-digit-check-data: --out " + existing
                + ": already exists (pass --overwrite to replace it)"), refused.errLines());
        assertTrue(Files.exists(existing.resolve("keep.txt")));

        Path out = dir.resolve("out");
        CliRun noImages = CliRun.of("make-digit-check-data", "--rows", "10", "--out", out.toString(),
                "--mnist", dir.resolve("absent").toString());
        assertEquals(2, noImages.exitCode(), noImages.toString());
        assertEquals(1, noImages.errLines().size(), noImages.toString());
        assertTrue(noImages.errLines().get(0).contains("train-images-idx3-ubyte.gz: no such file"),
                noImages.toString());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("none")));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no staging left");
        }
    }

    @Test
    void refusesImagesWithoutInkInOneLineLeavingNothing() throws IOException {
        Path blank = Files.createDirectories(dir.resolve("blank"));
        IdxFixtures.write(blank, "train-images-idx3-ubyte.gz", IdxFixtures.gzip(IdxFixtures.imagesFile(2,
                new byte[2 * DigitImages.PIXELS])));
        IdxFixtures.write(blank, "train-labels-idx1-ubyte.gz", IdxFixtures.gzip(IdxFixtures.labelsFile(2,
                IdxFixtures.labels(2))));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("make-digit-check-data", "--rows", "10", "--out", out.toString(),
                "--mnist", blank.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).matches("digitnet make-digit-check-data: .*train-images-idx3-ubyte.gz: "
                + "expected images with ink of level 40 or more, found one without \\(drawn for row id \\d\\)"),
                run.toString());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no staging left");
        }
    }

    private static OutputDir begin(Path out) {
        return OutputDir.begin(out.toString(), false, spark.sparkContext().hadoopConfiguration(), "--out");
    }
}
