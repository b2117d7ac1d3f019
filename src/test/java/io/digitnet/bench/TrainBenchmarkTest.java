package io.digitnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.data.DigitLoader;
import io.digitnet.nn.Architecture;
import io.digitnet.nn.OptimizerSettings;
import io.digitnet.nn.Schedule;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.train.Strategy;
import io.digitnet.train.TrainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train benchmark on tiny generated MNIST-shaped files: one epoch, one MLPC iteration. No timing asserted. */
class TrainBenchmarkTest {
    private static final Pattern SECONDS_OR_NEVER = Pattern.compile("\\d+\\.\\d|never");
    private static final Pattern BEST = Pattern.compile("\\d+\\.\\d\\d% @ \\d+\\.\\d s");
    private static final Pattern PER_STEP = Pattern.compile("\\d+\\.\\d{3} per (epoch|iteration)");

    static SparkSession spark;

    @TempDir
    static Path mnist;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(TrainBenchmarkTest.class);
        IdxFixtures.writePair(mnist, "train", 240, 11, true);
        IdxFixtures.writePair(mnist, "t10k", 60, 12, true);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void reportsBothTrainersWithNumbersInEveryCell() throws InterruptedException {
        TrainSettings settings = new TrainSettings(Architecture.CLASSIC, Strategy.AVERAGE,
                new OptimizerSettings(OptimizerSettings.Kind.ADAM, 0.003, 0.9, 0.999, 1e-8, 0.00005), Schedule.COSINE,
                10, 0.5, 1, 16, 1, 2, 1, 0.0833, 0, 1);
        TrainBenchmark.Options options = new TrainBenchmark.Options(
                DigitLoader.Source.of(mnist.resolve("train-images-idx3-ubyte.gz").toString()),
                DigitLoader.Source.of(mnist.resolve("t10k-images-idx3-ubyte.gz").toString()), settings, 1,
                List.of(1), List.of(128, 1024), 1);
        List<String> log = new ArrayList<>();
        TrainBenchmark.Report report = TrainBenchmark.run(spark, options, "test", log::add);

        assertRow(report.markdown(), "ours");
        assertRow(report.markdown(), "MLPC");
        assertEquals(1, report.ours().row().curve().points().size());
        assertEquals(1, report.mlpc().sweep().size());
        assertEquals(2, report.mlpc().probes().size());
        assertEquals(report.ours().trainRows(), report.mlpc().trainRows());
        // The plain-JVM trainer repeats AverageStep's arithmetic on the same partitions.
        assertTrue(report.ours().snapshot().identical(report.plain().parameters()), report.markdown());
        assertTrue(report.markdown().contains("bit-identical"), report.markdown());
        assertTrue(report.markdown().contains("Kernels.describe()"), report.markdown());
    }

    @Test
    void runsFromTheCommandLineAndWritesTheReport() throws Exception {
        Path out = mnist.resolve("bench.md");
        CliRun run = CliRun.of("bench", "train", "--mnist", mnist.toString(), "--epochs", "1",
                "--mlpc-iterations", "1", "--mlpc-block-sizes", "128", "--mlpc-probe-iterations", "1",
                "--plain-epochs", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String written = Files.readString(out);
        assertRow(written, "ours");
        assertRow(written, "MLPC");
        assertTrue(run.out().contains(written), run.toString());

        CliRun again = CliRun.of("bench", "train", "--mnist", mnist.toString(), "--out", out.toString());
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("already exists"), again.toString());
    }

    /** The table row named {@code name}: five threshold cells, best accuracy @ seconds, seconds per step. */
    private static void assertRow(String markdown, String name) {
        String row = markdown.lines().filter(l -> l.startsWith("| " + name + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + markdown));
        String[] cells = row.substring(1, row.length() - 1).split("\\|");
        assertEquals(8, cells.length, row);
        for (int i = 1; i <= 5; i++) {
            assertTrue(SECONDS_OR_NEVER.matcher(cells[i].strip()).matches(), row);
        }
        assertTrue(BEST.matcher(cells[6].strip()).matches(), row);
        assertTrue(PER_STEP.matcher(cells[7].strip()).matches(), row);
    }
}
