package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.model.ModelDir;
import io.digitnet.model.ModelInfo;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.Parameters;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the jobs may write: never over, inside or around what they read (even with
 * --overwrite), and never somewhere they find out only after the work that they cannot write.
 */
class OutputPlaceTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start(OutputPlaceTest.class);
    }

    @AfterAll
    static void stopSpark() {
        LocalSpark.stop(spark);
    }

    /** Every file below {@code root} with its bytes, to show that nothing was touched. */
    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return all;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    private static void assertOneLine(CliRun run, String start) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().size(), run.toString());
        assertTrue(run.errLines().get(0).startsWith(start), run.toString());
    }

    private Path model() {
        Path model = dir.resolve("model");
        ModelDir.write(new Configuration(), model.toString(), Architecture.CLASSIC,
                Parameters.initial(Architecture.CLASSIC, 7), ModelInfo.NONE, false);
        return model;
    }

    @Test
    void ingestWithOverwriteDoesNotReplaceItsOwnInput() throws IOException {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        Files.writeString(csv.resolve("a.csv"), "label," + "p,".repeat(783) + "p\n3," + "0,".repeat(783) + "9\n");
        Path images = IdxFixtures.writePair(dir.resolve("idx"), "digits", 20, 1, false);
        Map<String, byte[]> before = contents(dir);
        for (String[] inOut : List.of(new String[] {csv.toString(), csv.toString()},
                new String[] {csv.resolve("a.csv").toString(), csv.toString()},
                new String[] {csv.toString(), csv.resolve("parquet").toString()},
                new String[] {images.toString(), dir.resolve("idx").toString()},
                new String[] {images.toString(), dir.toString()})) {
            CliRun run = CliRun.of("ingest", "--input", inOut[0], "--output", inOut[1], "--overwrite");
            assertOneLine(run, "digitnet ingest: --output " + inOut[1] + ": expected an output apart from the inputs, "
                    + "found it ");
        }
        assertSame(before, contents(dir));
    }

    @Test
    void scoreWithOverwriteDoesNotReplaceItsInputOrItsModel() throws IOException {
        Path model = model();
        Path images = IdxFixtures.writePair(dir.resolve("idx"), "digits", 20, 2, false);
        Path parquet = dir.resolve("digits");
        assertEquals(0, CliRun.of("ingest", "--input", images.toString(), "--output", parquet.toString()).exitCode());
        Map<String, byte[]> before = contents(dir);
        for (String[] inOut : List.of(new String[] {parquet.toString(), parquet.toString()},
                new String[] {parquet.toString(), parquet.resolve("scored").toString()},
                new String[] {images.toString(), model.toString()},
                new String[] {images.toString(), model.resolve("scores").toString()})) {
            CliRun run = CliRun.of("score", "--model", model.toString(), "--input", inOut[0], "--output", inOut[1],
                    "--overwrite");
            assertOneLine(run, "digitnet score: --output " + inOut[1] + ": expected an output apart from the inputs, ");
        }
        assertSame(before, contents(dir));
    }

    @Test
    void trainDoesNotWriteItsModelOverItsData() throws IOException {
        Path images = IdxFixtures.writePair(dir.resolve("idx"), "digits", 40, 3, false);
        Map<String, byte[]> before = contents(dir);
        CliRun run = CliRun.of("train", "--train", images.toString(), "--out", dir.resolve("idx").toString(),
                "--overwrite", "--epochs", "1");
        assertOneLine(run, "digitnet train: --out " + dir.resolve("idx") + ": expected an output apart from the inputs");
        assertSame(before, contents(dir));
    }

    @Test
    void anOutputThatCannotBeMadeIsRefusedBeforeTheWork() throws IOException {
        Path model = model();
        Path images = IdxFixtures.writePair(dir.resolve("idx"), "digits", 20, 4, false);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun underAFile = CliRun.of("score", "--model", model.toString(), "--input", images.toString(),
                "--output", file.resolve("scores").toString());
        assertOneLine(underAFile, "digitnet score: --output " + file.resolve("scores")
                + ": expected a directory to create in, found file:" + file + " is a file");
        CliRun unwritable = CliRun.of("score", "--model", model.toString(), "--input", images.toString(),
                "--output", "/proc/digitnet-scores");
        assertOneLine(unwritable, "digitnet score: --output /proc/digitnet-scores: expected a folder this job can "
                + "write in, found file:/proc not writable");
        assertFalse(unwritable.out().contains("score:"), "no scoring before the check: " + unwritable);
        CliRun trainUnwritable = CliRun.of("train", "--train", images.toString(), "--out", "/proc/digitnet-model",
                "--epochs", "1");
        assertOneLine(trainUnwritable, "digitnet train: --out /proc/digitnet-model: expected a folder this job can");
        assertFalse(trainUnwritable.out().contains("epoch"), "no training before the check: " + trainUnwritable);
    }
}
