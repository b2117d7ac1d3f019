package io.digitnet.data;

import static io.digitnet.testing.IdxFixtures.imagesFile;
import static io.digitnet.testing.IdxFixtures.labels;
import static io.digitnet.testing.IdxFixtures.labelsFile;
import static io.digitnet.testing.IdxFixtures.pixels;
import static io.digitnet.testing.IdxFixtures.write;
import static io.digitnet.testing.IdxFixtures.writePair;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.BadInputException;
import io.digitnet.testing.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitLoaderTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(DigitLoaderTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static List<Row> byId(Dataset<Row> rows) {
        return rows.orderBy("id").collectAsList();
    }

    /** Every row's id, label and pixels are the fixture's, and no row is missing or repeated. */
    private static void assertFixtureRows(Dataset<Row> rows, int count, long seed) {
        byte[] pixels = pixels(count, seed);
        byte[] labels = labels(count);
        List<Row> all = byId(rows);
        assertEquals(count, all.size());
        for (int i = 0; i < count; i++) {
            Row row = all.get(i);
            assertEquals(i, row.getLong(0));
            assertEquals(labels[i], row.getInt(1));
            assertArrayEquals(java.util.Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), (byte[]) row.get(2),
                    "pixels of image " + i);
        }
    }

    @Test
    void readsRawIdxInRangesOneTaskEach() {
        Path images = writePair(dir, "raw", 103, 11, false);
        Dataset<Row> rows = DigitLoader.compact(spark, DigitLoader.Source.of(images.toString()), 4);
        assertEquals(4, rows.rdd().getNumPartitions());
        assertFixtureRows(rows, 103, 11);
    }

    @Test
    void readsGzipIdxInOneTaskAndSpreadsVectorsOut() {
        Path images = writePair(dir, "gz", 57, 12, true);
        DigitLoader.Source source = DigitLoader.Source.of(images.toString());
        Dataset<Row> compact = DigitLoader.compact(spark, source, 0);
        assertEquals(1, compact.rdd().getNumPartitions());
        assertFixtureRows(compact, 57, 12);

        Dataset<Row> vectors = DigitLoader.vectors(spark, source, 3);
        assertEquals(3, vectors.rdd().getNumPartitions());
        assertEquals(List.of("id", "label", "features"), List.of(vectors.columns()));
        byte[] pixels = pixels(57, 12);
        for (Row row : byId(vectors)) {
            int id = (int) row.getLong(0);
            Vector features = row.getAs("features");
            assertEquals(784, features.size());
            for (int p = 0; p < 784; p++) {
                assertEquals((pixels[id * 784 + p] & 0xff) / 255.0, features.apply(p), 0.0);
            }
        }
    }

    @Test
    void takesAnExplicitLabelsFile() {
        byte[] pixels = pixels(5, 13);
        Path images = write(dir, "pictures.bin", imagesFile(5, pixels));
        Path labels = write(dir, "answers.bin", labelsFile(5, labels(5)));
        BadInputException noLabels = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(images.toString()), 0));
        assertTrue(noLabels.getMessage().startsWith("--labels: needed"), noLabels.getMessage());

        Dataset<Row> rows = DigitLoader.compact(spark,
                new DigitLoader.Source(images.toString(), labels.toString(), DigitLoader.Format.IDX), 0);
        assertFixtureRows(rows, 5, 13);
    }

    @Test
    void refusesLabelOutOfRangeNamingFileAndIndex() {
        Path images = writePair(dir, "bad", 20, 14, false);
        byte[] labels = labels(20);
        labels[17] = 11;
        write(dir, "bad-labels-idx1-ubyte", labelsFile(20, labels));
        BadInputException e = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(images.toString()), 0));
        assertTrue(e.getMessage().endsWith("bad-labels-idx1-ubyte: label 11 at index 17, expected 0..9"), e.getMessage());
    }

    @Test
    void refusesCountMismatch() {
        Path images = writePair(dir, "mismatch", 20, 15, false);
        write(dir, "mismatch-labels-idx1-ubyte", labelsFile(19, labels(19)));
        BadInputException e = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(images.toString()), 0));
        assertTrue(e.getMessage().contains("expected 20 labels, one per image in"), e.getMessage());
        assertTrue(e.getMessage().contains("found 19"), e.getMessage());
    }

    @Test
    void refusesLabelsFileGivenAsImages() {
        Path images = writePair(dir, "swap", 3, 16, false);
        Path labels = dir.resolve("swap-labels-idx1-ubyte");
        BadInputException e = assertThrows(BadInputException.class, () -> DigitLoader.compact(spark,
                new DigitLoader.Source(labels.toString(), images.toString(), DigitLoader.Format.IDX), 0));
        assertTrue(e.getMessage().endsWith("swap-labels-idx1-ubyte: this is an IDX labels file (magic 2049); "
                + "expected an images file (magic 2051)"),
                e.getMessage());
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static String csvRow(int label, byte[] pixels, int image) {
        StringJoiner row = new StringJoiner(",");
        row.add(Integer.toString(label));
        for (int p = 0; p < 784; p++) {
            row.add(Integer.toString(pixels[image * 784 + p] & 0xff));
        }
        return row.toString();
    }

    @Test
    void readsCsvWithHeaderInFileOrder() throws IOException {
        byte[] pixels = pixels(30, 17);
        byte[] labels = labels(30);
        String[] lines = new String[31];
        lines[0] = "label,pixel0,pixel1,...";
        for (int i = 0; i < 30; i++) {
            lines[i + 1] = csvRow(labels[i], pixels, i);
        }
        Path file = csv("digits.csv", lines);
        Dataset<Row> rows = DigitLoader.compact(spark, DigitLoader.Source.of(file.toString()), 3);
        assertFixtureRows(rows, 30, 17);
    }

    @Test
    void refusesMalformedCsvRowNamingIt() throws IOException {
        byte[] pixels = pixels(3, 18);
        Path file = csv("broken.csv", csvRow(1, pixels, 0), csvRow(2, pixels, 1).replaceFirst(",\\d+$", ",256"),
                csvRow(3, pixels, 2));
        Exception e = assertThrows(Exception.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(file.toString()), 0).count());
        BadInputException bad = BadInputException.findIn(e);
        assertTrue(bad != null, "expected a BadInputException in " + e);
        assertTrue(bad.getMessage().endsWith("broken.csv: row 1: pixel 783: expected 0..255, found 256"),
                bad.getMessage());

        Path shortRow = csv("short.csv", "3,0,0,0");
        BadInputException tooShort = BadInputException.findIn(assertThrows(Exception.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(shortRow.toString()), 0).count()));
        assertTrue(tooShort.getMessage().endsWith("row 0: expected 785 comma-separated values (label, then 784 pixels), "
                + "found 4"), tooShort.getMessage());
    }

    @Test
    void readsIngestParquetAndVectorParquet() {
        Path images = writePair(dir, "pq", 40, 19, false);
        Dataset<Row> compact = DigitLoader.compact(spark, DigitLoader.Source.of(images.toString()), 2);
        String compactDir = dir.resolve("compact.parquet").toString();
        compact.write().parquet(compactDir);
        assertFixtureRows(DigitLoader.compact(spark, DigitLoader.Source.of(compactDir), 0), 40, 19);

        // A user's table of vectors without ids: ids are its rows' positions.
        String vectorDir = dir.resolve("vectors").toString();
        DigitFrames.toVectors(compact).orderBy("id").drop("id").coalesce(1).write().parquet(vectorDir);
        List<Row> vectors = byId(DigitLoader.vectors(spark, DigitLoader.Source.of(vectorDir), 0));
        List<Row> expected = byId(DigitFrames.toVectors(compact));
        assertEquals(expected, vectors);
    }

    @Test
    void refusesParquetWithoutDigitColumns() {
        String other = dir.resolve("other").toString();
        spark.range(3).write().parquet(other);
        BadInputException e = assertThrows(BadInputException.class,
                () -> DigitLoader.vectors(spark, DigitLoader.Source.of(other), 0));
        assertTrue(e.getMessage().contains("expected Parquet with columns id (long), label (int), pixels"),
                e.getMessage());
    }

    @Test
    void refusesMissingInputAndUnknownDirectory() throws IOException {
        BadInputException missing = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(dir.resolve("nope").toString()), 0));
        assertTrue(missing.getMessage().endsWith("nope: no such file or directory"), missing.getMessage());

        Files.writeString(dir.resolve("notes.txt"), "hello");
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> DigitLoader.compact(spark, DigitLoader.Source.of(dir.toString()), 0));
        assertTrue(unknown.getMessage().contains("a directory with no *.parquet, *.csv, *.png or *.jpg files"), unknown.getMessage());
    }

    /**
     * A folder's format is its first data file's, by name: files before sub-folders, hidden
     * names (Spark's "." and "_") and hidden folders left out, a folder named like data not
     * taken for a file.
     */
    @Test
    void findsAFoldersFormatByItsFirstDataFile() throws IOException {
        Path scans = dir.resolve("scans");
        Files.createDirectories(scans.resolve("a.csv")); // a folder, not a CSV file
        Files.createDirectories(scans.resolve("_staging"));
        Files.writeString(scans.resolve("_staging/0.csv"), "hidden");
        Files.writeString(scans.resolve("._0.csv"), "macOS");
        Files.writeString(scans.resolve("notes.txt"), "hello");
        Files.createDirectories(scans.resolve("b"));
        Files.write(scans.resolve("b/0-7.png"), new byte[] {1});
        Files.write(scans.resolve("a.csv/1-7.jpg"), new byte[] {1});
        assertEquals(DigitLoader.Format.IMAGES, DigitLoader.resolve(spark, DigitLoader.Source.of(scans.toString())));

        Files.writeString(scans.resolve("z.csv"), "0,0"); // a file of the folder itself comes first
        assertEquals(DigitLoader.Format.CSV, DigitLoader.resolve(spark, DigitLoader.Source.of(scans.toString())));

        Path hiddenOnly = dir.resolve("hidden-only");
        Files.createDirectories(hiddenOnly.resolve(".cache"));
        Files.write(hiddenOnly.resolve(".cache/0-1.png"), new byte[] {1});
        Files.write(hiddenOnly.resolve("_0-1.png"), new byte[] {1});
        BadInputException e = assertThrows(BadInputException.class,
                () -> DigitLoader.resolve(spark, DigitLoader.Source.of(hiddenOnly.toString())));
        assertTrue(e.getMessage().contains("a directory with no *.parquet"), e.getMessage());
    }
}
