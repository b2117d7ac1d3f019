package io.digitnet.cli;

import static io.digitnet.testing.IdxFixtures.imagesFile;
import static io.digitnet.testing.IdxFixtures.labels;
import static io.digitnet.testing.IdxFixtures.labelsFile;
import static io.digitnet.testing.IdxFixtures.pixels;
import static io.digitnet.testing.IdxFixtures.write;
import static io.digitnet.testing.IdxFixtures.writePair;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.LocalSpark;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(IngestCommandTest.class);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void writesCompactParquetInSourceOrderInFilesOfBoundedRows() throws IOException {
        Path images = writePair(dir, "digits", 250, 21, false);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("ingest", "--input", images.toString(), "--output", out.toString(),
                "--rows-per-file", "100", "--partitions", "2");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("ingest: 250 rows from"), run.out());

        try (Stream<Path> files = Files.list(out)) {
            List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
            assertEquals(4, parquet.size(), "two tasks of 125 rows, at most 100 a file: " + parquet);
            for (Path file : parquet) {
                List<Long> ids = spark.read().parquet(file.toString()).select("id").as(
                        org.apache.spark.sql.Encoders.LONG()).collectAsList();
                for (int i = 1; i < ids.size(); i++) {
                    assertEquals(ids.get(i - 1) + 1, ids.get(i), "a file holds consecutive rows in source order");
                }
            }
        }
        assertEquals("struct<id:bigint,label:int,pixels:binary>",
                spark.read().parquet(out.toString()).schema().simpleString());
        List<Row> rows = spark.read().parquet(out.toString()).orderBy("id").collectAsList();
        byte[] pixels = pixels(250, 21);
        byte[] labels = labels(250);
        assertEquals(250, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getLong(0));
            assertEquals(labels[i], row.getInt(1));
            assertArrayEquals(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), (byte[]) row.get(2));
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("inprogress")),
                    "no staging directory is left behind");
        }
    }

    @Test
    void refusesExistingOutputUnlessOverwrite() throws IOException {
        Path images = writePair(dir, "again", 10, 22, true);
        Path out = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(out.resolve("keep.txt"), "old");
        CliRun refused = CliRun.of("ingest", "--input", images.toString(), "--output", out.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals(List.of("digitnet ingest: --output " + out + ": already exists (pass --overwrite to replace it)"),
                refused.errLines());
        assertTrue(Files.exists(out.resolve("keep.txt")));

        CliRun replaced = CliRun.of("ingest", "--input", images.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.toString());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertEquals(10, spark.read().parquet(out.toString()).count());
    }

    /** Bad input: exit 2, one line on stderr naming the file, and no output directory. */
    private void assertRefused(Path images, String fileNamed, String problem, String... more) {
        Path out = dir.resolve("refused");
        List<String> args = new java.util.ArrayList<>(List.of("ingest", "--input", images.toString(), "--output",
                out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("digitnet ingest: "), line);
        assertTrue(line.contains(fileNamed), line);
        assertTrue(line.contains(problem), line);
        assertFalse(Files.exists(out), "no output directory after " + line);
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".refused")), "no staging left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesTruncatedFile() {
        Path images = writePair(dir, "cut", 10, 23, false);
        byte[] whole = imagesFile(10, pixels(10, 23));
        write(dir, "cut-images-idx3-ubyte", Arrays.copyOf(whole, whole.length - 1));
        assertRefused(images, "cut-images-idx3-ubyte", "truncated");
    }

    @Test
    void refusesWrongMagic() {
        Path images = writePair(dir, "magic", 10, 24, false);
        byte[] bytes = imagesFile(10, pixels(10, 24));
        ByteBuffer.wrap(bytes).putInt(0, 1234);
        write(dir, "magic-images-idx3-ubyte", bytes);
        assertRefused(images, "magic-images-idx3-ubyte", "found 1234");
    }

    @Test
    void refusesCountMismatch() {
        Path images = writePair(dir, "count", 10, 25, true);
        write(dir, "count-labels-idx1-ubyte.gz", io.digitnet.testing.IdxFixtures.gzip(labelsFile(9, labels(9))));
        assertRefused(images, "count-labels-idx1-ubyte.gz", "expected 10 labels");
    }

    @Test
    void refusesLabelEleven() {
        Path images = writePair(dir, "eleven", 10, 26, false);
        byte[] labels = labels(10);
        labels[4] = 11;
        write(dir, "eleven-labels-idx1-ubyte", labelsFile(10, labels));
        assertRefused(images, "eleven-labels-idx1-ubyte", "label 11 at index 4, expected 0..9");
    }

    @Test
    void refusesALabelsFileGivenAsImagesAndTheReverseNamingTheKinds() {
        Path images = writePair(dir, "swap", 10, 27, false);
        Path labels = dir.resolve("swap-labels-idx1-ubyte");
        Path out = dir.resolve("swapped");
        CliRun labelsAsImages = CliRun.of("ingest", "--input", labels.toString(), "--labels", labels.toString(),
                "--format", "idx", "--output", out.toString());
        assertEquals(2, labelsAsImages.exitCode(), labelsAsImages.toString());
        assertEquals(1, labelsAsImages.errLines().size(), labelsAsImages.toString());
        assertTrue(labelsAsImages.errLines().get(0).endsWith(labels + ": this is an IDX labels file (magic 2049); "
                + "expected an images file (magic 2051)"), labelsAsImages.toString());
        CliRun imagesAsLabels = CliRun.of("ingest", "--input", images.toString(), "--labels", images.toString(),
                "--output", out.toString());
        assertEquals(2, imagesAsLabels.exitCode(), imagesAsLabels.toString());
        assertEquals(1, imagesAsLabels.errLines().size(), imagesAsLabels.toString());
        assertTrue(imagesAsLabels.errLines().get(0).endsWith(images + ": this is an IDX images file (magic 2051); "
                + "expected a labels file (magic 2049)"), imagesAsLabels.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesMissingPath() {
        assertRefused(dir.resolve("absent-images-idx3-ubyte"), "absent-images-idx3-ubyte", "no such file");
    }

    @Test
    void refusesMalformedCsvRowFoundByAnExecutor() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "label,p0\n7,1,2,3\n");
        assertRefused(csv, "rows.csv", "row 0: expected 785 comma-separated values");
    }

    /** A valid CSV row: the label, then 784 pixels of {@code grey}. */
    private static String csvRow(int label, int grey) {
        return label + ("," + grey).repeat(784);
    }

    @Test
    void aBadRowInOneCsvOfAFolderNamesThatFileAndItsRow() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("csvs"));
        Files.write(folder.resolve("a.csv"), List.of("label,p0,p1", csvRow(1, 0), csvRow(2, 9), csvRow(3, 9)));
        Files.write(folder.resolve("b.csv"), List.of("label,p0,p1", csvRow(4, 0), csvRow(5, 300)));
        assertRefused(folder, folder + "/b.csv: row 1: pixel 0: expected 0..255, found 300", "");
    }

    @Test
    void aCsvPixelThatIsNotANumberIsRefused() throws IOException {
        Path csv = Files.write(dir.resolve("words.csv"), List.of(csvRow(1, 0), csvRow(2, 0).replaceFirst(",0$", ",dark")));
        assertRefused(csv, "words.csv: row 1: pixel 783: expected an integer 0..255, found 'dark'", "");
    }

    @Test
    void aRowWithoutItsLabelInACsvWithAHeaderIsRefused() throws IOException {
        Path csv = Files.write(dir.resolve("headed.csv"), List.of("label,p0,p1", csvRow(1, 0), csvRow(2, 5).substring(2)));
        assertRefused(csv, "headed.csv: row 1: expected 785 comma-separated values (label, then 784 pixels), found 784",
                "");
    }

    @Test
    void anEmptyInputIsRefusedNamingIt() throws IOException {
        assertRefused(Files.write(dir.resolve("empty.csv"), new byte[0]), "empty.csv: no rows", "");
        assertRefused(Files.write(dir.resolve("header.csv"), List.of("label,p0,p1", "")), "header.csv: no rows (a header only)",
                "");
        Path none = writePair(dir, "none", 0, 1, false);
        assertRefused(none, "none-images-idx3-ubyte: no rows (the header counts 0 images)", "");
        Path folder = Files.createDirectories(dir.resolve("nothing"));
        Files.writeString(folder.resolve("_SUCCESS"), "");
        CliRun run = CliRun.of("ingest", "--input", folder.toString(), "--format", "csv", "--output",
                dir.resolve("refused").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).endsWith("nothing: no rows (no data lines)"), run.toString());
        assertFalse(Files.exists(dir.resolve("refused")));
    }

    @Test
    void packingRefusesAFolderWithoutScansOneWithOnlyHiddenOnesAndAFile() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertRefused(empty, empty + ": no rows (no *.png, *.jpg or *.jpeg files)", "", "--input-format", "images");
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.write(hidden.resolve("._scan.png"), new byte[] {1});
        assertRefused(hidden, hidden + ": no rows (no *.png, *.jpg or *.jpeg files but hidden ones; 1 file left out "
                + "as hidden (names starting with '.' or '_'), e.g. ._scan.png)", "", "--input-format", "images");
        Path file = Files.write(dir.resolve("scan.png"), new byte[] {1});
        assertRefused(file, file + ": expected a folder of *.png, *.jpg or *.jpeg scans, found a file", "",
                "--input-format", "images");
    }

    @Test
    void refusesBadOptionValues() {
        CliRun unknown = CliRun.of("ingest", "--input", "x", "--output", "y", "--format", "xml");
        assertEquals(2, unknown.exitCode());
        assertEquals(List.of("digitnet ingest: --input-format: expected one of auto, idx, csv, images, found 'xml'"),
                unknown.errLines());

        CliRun missing = CliRun.of("ingest", "--input", "x");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.errLines().size(), missing.toString());
        assertTrue(missing.errLines().get(0).contains("Missing required option: '--output=DIR'"), missing.toString());

        CliRun negative = CliRun.of("ingest", "--input", "x", "--output", "y", "--partitions", "-1");
        assertEquals(2, negative.exitCode());
        assertEquals(List.of("digitnet ingest: --partitions: expected 0 or more, found -1"), negative.errLines());

        CliRun notANumber = CliRun.of("ingest", "--input", "x", "--output", "y", "--rows-per-file", "many");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("--rows-per-file"), notANumber.toString());
    }

    @Test
    void printsHelp() {
        CliRun help = CliRun.of("ingest", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--rows-per-file=N"), help.out());
        assertTrue(help.out().contains("--master=URL"), help.out());
    }
}
