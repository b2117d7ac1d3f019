package io.digitnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make-scale-data on the real MNIST test images (from MNIST_DIR): every row is found
 * again among the test images, moved by at most 2 pixels, with that image's label; the
 * images are checked with a plain per-pixel reference, not with the project's shift.
 */
class ScaleDataTest {
    private static final int ROWS = 25_000;
    private static final int ROWS_PER_FILE = 10_000;
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final int MAX_SHIFT = 2;
    /** Shifts per direction, -2..2; shift number s moves by (s % SPAN - 2, s / SPAN - 2). */
    private static final int SPAN = 2 * MAX_SHIFT + 1;
    private static final int SHIFTS = SPAN * SPAN;
    /** The part of a row that a shift of at most 2 pixels always fills from its source image. */
    private static final int INNER = SIDE - 2 * MAX_SHIFT;

    static SparkSession spark;
    static Path mnist;
    static byte[] testImages;
    static byte[] testLabels;

    @TempDir
    static Path shared;
    static Path written;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        mnist = MnistDir.require();
        spark = LocalSpark.start(ScaleDataTest.class);
        testImages = idxContent("t10k-images-idx3-ubyte.gz", 16);
        testLabels = idxContent("t10k-labels-idx1-ubyte.gz", 8);
        written = shared.resolve("scale");
        CliRun run = CliRun.of("make-scale-data", "--rows", String.valueOf(ROWS), "--out", written.toString(),
                "--mnist", mnist.toString(), "--rows-per-file", String.valueOf(ROWS_PER_FILE));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("make-scale-data: " + ROWS + " rows to " + written), run.out());
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    /** The decompressed IDX file's data after its header, read without any project code. */
    private static byte[] idxContent(String name, int header) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(mnist.resolve(name)))) {
            in.readNBytes(header);
            return in.readAllBytes();
        }
    }

    @Test
    void everyRowIsATestImageMovedByAtMostTwoPixelsWithItsLabel() {
        Map<Long, List<Integer>> sources = innerWindows();
        int[] uses = new int[testLabels.length];
        int[] labelCounts = new int[10];
        int[] shiftCounts = new int[SHIFTS];
        List<Row> rows = spark.read().parquet(written.toString()).orderBy("id").collectAsList();
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getLong(row.fieldIndex("id")), "ids are 0..N-1, each once");
            byte[] pixels = (byte[]) row.get(row.fieldIndex("pixels"));
            assertEquals(PIXELS, pixels.length);
            int label = row.getInt(row.fieldIndex("label"));
            Integer found = null;
            for (int candidate : sources.getOrDefault(innerHash(pixels, 0, MAX_SHIFT, MAX_SHIFT), List.of())) {
                int image = candidate / SHIFTS;
                int shift = candidate % SHIFTS;
                if (testLabels[image] == label && Arrays.equals(pixels,
                        moved(image, shift % SPAN - MAX_SHIFT, shift / SPAN - MAX_SHIFT))) {
                    found = candidate;
                    break;
                }
            }
            assertNotNull(found, "row " + i + " (label " + label + ") is no test image with that label moved by "
                    + "at most " + MAX_SHIFT + " pixels");
            uses[found / SHIFTS]++;
            shiftCounts[found % SHIFTS]++;
            labelCounts[label]++;
            assertEquals(String.format("form-%010d", i), row.getString(row.fieldIndex("form_id")));
        }
        int[] testLabelCounts = new int[10];
        for (byte label : testLabels) {
            testLabelCounts[label]++;
        }
        for (int digit = 0; digit < 10; digit++) {
            double expected = (double) ROWS * testLabelCounts[digit] / testLabels.length;
            assertEquals(expected, labelCounts[digit], 0.08 * expected, "rows of digit " + digit);
        }
        for (int shift = 0; shift < SHIFTS; shift++) {
            assertEquals(ROWS / SHIFTS, shiftCounts[shift], 0.2 * ROWS / SHIFTS, "rows with shift " + shift);
        }
        long used = Arrays.stream(uses).filter(n -> n > 0).count();
        assertTrue(used > 0.88 * testLabels.length, "images drawn at random: 2.5 uses each on average leave "
                + "about 8% unused, found " + (testLabels.length - used) + " unused");
    }

    @Test
    void filesHoldAtMostRowsPerFileConsecutiveRowsAndReadAsIngestParquet() throws IOException {
        assertEquals("struct<id:bigint,label:int,pixels:binary,form_id:string>",
                spark.read().parquet(written.toString()).schema().simpleString());
        Dataset<Row> compact = DigitLoader.table(spark, DigitLoader.Source.of(written.toString()), 0);
        assertEquals(DigitFrames.COMPACT.simpleString(), compact.schema().simpleString());
        assertEquals(ROWS, compact.count());
        try (Stream<Path> files = Files.list(written)) {
            List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
            assertTrue(parquet.size() >= (ROWS + ROWS_PER_FILE - 1) / ROWS_PER_FILE, parquet.toString());
            for (Path file : parquet) {
                List<Long> ids = spark.read().parquet(file.toString()).select("id").as(Encoders.LONG())
                        .collectAsList();
                assertTrue(ids.size() <= ROWS_PER_FILE, file + ": " + ids.size() + " rows");
                for (int i = 1; i < ids.size(); i++) {
                    assertEquals(ids.get(i - 1) + 1, ids.get(i), "a file holds consecutive rows in id order");
                }
            }
        }
        try (Stream<Path> siblings = Files.list(shared)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("inprogress")), "no staging left");
        }
    }

    @Test
    void theSameSeedMakesTheSameRowsWhateverThePartitioning() {
        DigitLoader.Source images = DigitLoader.Source.of(mnist.resolve("t10k-images-idx3-ubyte.gz").toString());
        Dataset<Row> first = spark.read().parquet(written.toString());
        Path again = dir.resolve("again");
        WrittenParquet rewritten = ScaleData.run(spark, images, begin(again), ROWS, 1, 5000, 3);
        assertEquals(new WrittenParquet(ROWS, 6, rewritten.bytes()), rewritten, "3 tasks of 8333 rows, 2 files each");
        assertEquals(first.orderBy("id").collectAsList(),
                spark.read().parquet(again.toString()).orderBy("id").collectAsList(), "identical rows");

        Path otherSeed = dir.resolve("other-seed");
        ScaleData.run(spark, images, begin(otherSeed), 1000, 2, ROWS_PER_FILE, 0);
        long same = spark.read().parquet(otherSeed.toString()).select("id", "pixels")
                .intersect(first.select("id", "pixels")).count();
        assertTrue(same < 50, "another seed makes other rows; " + same + " of 1000 are the same");
    }

    @Test
    void refusesAnExistingOutputAndNoRows() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "old");
        CliRun refused = CliRun.of("make-scale-data", "--rows", "10", "--out", existing.toString(),
                "--mnist", mnist.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals(List.of("digitnet make-scale-data: --out " + existing
                + ": already exists (pass --overwrite to replace it)"), refused.errLines());
        assertTrue(Files.exists(existing.resolve("keep.txt")));

        Path out = dir.resolve("none");
        CliRun none = CliRun.of("make-scale-data", "--rows", "0", "--out", out.toString(), "--mnist", mnist.toString());
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals(List.of("digitnet make-scale-data: --rows: expected a positive number, found 0"), none.errLines());

        CliRun noImages = CliRun.of("make-scale-data", "--rows", "10", "--out", out.toString(),
                "--mnist", dir.resolve("absent").toString());
        assertEquals(2, noImages.exitCode(), noImages.toString());
        assertEquals(1, noImages.errLines().size(), noImages.toString());
        assertTrue(noImages.errLines().get(0).contains("t10k-images-idx3-ubyte.gz: no such file"), noImages.toString());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".none")), "no staging left");
        }
    }

    private static OutputDir begin(Path out) {
        return OutputDir.begin(out.toString(), false, spark.sparkContext().hadoopConfiguration(), "--out");
    }

    /**
     * Every (image, shift) by the hash of the inner 24x24 pixels it gives a row: a row's
     * inner part comes from its source image whatever the shift, so its hash finds the
     * candidates to compare in full.
     */
    private static Map<Long, List<Integer>> innerWindows() {
        Map<Long, List<Integer>> windows = new HashMap<>();
        for (int image = 0; image < testLabels.length; image++) {
            for (int shift = 0; shift < SHIFTS; shift++) {
                int dx = shift % SPAN - MAX_SHIFT;
                int dy = shift / SPAN - MAX_SHIFT;
                long hash = innerHash(testImages, image * PIXELS, MAX_SHIFT - dx, MAX_SHIFT - dy);
                windows.computeIfAbsent(hash, h -> new ArrayList<>()).add(image * SHIFTS + shift);
            }
        }
        return windows;
    }

    /** A hash of the INNER x INNER pixels of the image at {@code from} whose top left corner is (x, y). */
    private static long innerHash(byte[] pixels, int from, int x, int y) {
        long hash = 1;
        for (int row = y; row < y + INNER; row++) {
            for (int column = x; column < x + INNER; column++) {
                hash = hash * 1_000_003 + pixels[from + row * SIDE + column];
            }
        }
        return hash;
    }

    /** Test image {@code image} moved right by dx and down by dy, background (0) where nothing moved in. */
    private static byte[] moved(int image, int dx, int dy) {
        byte[] target = new byte[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sourceX = x - dx;
                int sourceY = y - dy;
                if (sourceX >= 0 && sourceX < SIDE && sourceY >= 0 && sourceY < SIDE) {
                    target[y * SIDE + x] = testImages[image * PIXELS + sourceY * SIDE + sourceX];
                }
            }
        }
        return target;
    }
}
