package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.model.ModelDir;
import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.testing.MnistDir;
import io.digitnet.testing.OtherJvm;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune --search halving: who goes on at each rung, the survivors as if trained alone, a resume after a kill. */
class TuneHalvingTest {
    /** Nine configurations: three hidden sizes x three learning rates. */
    private static final String[] GRID = {"--hidden", "6 10 8,4", "--learning-rates", "0.001,0.003,0.01", "--epochs",
        "6", "--patience", "0"};

    static SparkSession spark;
    static Path images;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(TuneHalvingTest.class);
        images = IdxFixtures.writePair(shared, "small", 400, 51, true);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static CliRun tune(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--train", images.toString(), "--test", images.toString(),
                "--out", out.toString()));
        args.addAll(List.of(GRID));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<String, TuneResult> results(Path out) {
        return TuneJob.recorded(spark.sparkContext().hadoopConfiguration(), out.toString()).stream()
                .collect(Collectors.toMap(TuneResult::name, Function.identity()));
    }

    /**
     * Rungs after 2 and 6 epochs: the three best at the first go on (by validation accuracy,
     * ties to the smaller network, then the name), the six others stop there with their
     * accuracies; each survivor ends as the grid search trains it, to the bit.
     */
    @Test
    void theBestThirdGoOnAndEndAsTheyWouldAlone() throws Exception {
        Path halved = dir.resolve("halved");
        CliRun run = tune(halved, "--search", "halving", "--min-epochs", "2", "--reduction", "3");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("rung 1 after 2 epochs: 3 go on"), run.out());
        Map<String, TuneResult> results = results(halved);
        assertEquals(9, results.size());

        List<TuneResult> atFirstRung = new ArrayList<>(results.values());
        atFirstRung.sort(Comparator.comparingDouble((TuneResult r) -> -r.rungAccuracies().get(0))
                .thenComparingLong(TuneResult::parameters).thenComparing(TuneResult::name));
        for (int k = 0; k < 9; k++) {
            TuneResult r = atFirstRung.get(k);
            if (k < 3) {
                assertEquals(TuneResult.OK, r.status(), r.toString());
                assertEquals(2, r.rung());
                assertEquals(6, r.epochs());
                assertEquals(2, r.rungAccuracies().size());
                assertNotNull(r.model());
            } else {
                assertEquals(TuneResult.STOPPED, r.status(), r.toString());
                assertEquals(1, r.rung());
                assertEquals(2, r.epochs());
                assertEquals(List.of(r.bestValidationAccuracy()), r.rungAccuracies());
                assertNotNull(r.testAccuracy());
                assertNull(r.model());
            }
        }
        String markdown = Files.readString(halved.resolve(Leaderboard.MARKDOWN));
        assertTrue(markdown.contains("stopped at rung 1"), markdown);
        assertTrue(Files.notExists(halved.resolve("rungs")), "a finished tuning keeps no rung state");
        CliRun again = tune(halved, "--search", "halving", "--min-epochs", "2", "--reduction", "3");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("9 configurations, successive halving") && again.out().contains("0 to train"),
                again.out());

        Path grid = dir.resolve("grid");
        assertEquals(0, tune(grid).exitCode());
        Map<String, TuneResult> full = results(grid);
        var conf = spark.sparkContext().hadoopConfiguration();
        for (TuneResult survivor : atFirstRung.subList(0, 3)) {
            TuneResult alone = full.get(survivor.name());
            assertEquals(alone.bestValidationAccuracy(), survivor.bestValidationAccuracy(), survivor.name());
            assertEquals(alone.bestEpoch(), survivor.bestEpoch(), survivor.name());
            assertEquals(alone.testAccuracy(), survivor.testAccuracy(), survivor.name());
            assertTrue(ModelDir.read(conf, alone.model()).parameters()
                    .identical(ModelDir.read(conf, survivor.model()).parameters()), survivor.name());
        }
        String best = Files.readString(halved.resolve(Leaderboard.BEST)).strip();
        assertEquals(atFirstRung.stream().limit(3).max(Comparator.comparingDouble(TuneResult::bestValidationAccuracy))
                .orElseThrow().name(), best);

        // The report's rungs: every configuration's accuracy at each rung it reached.
        Path report = dir.resolve("report");
        CliRun reported = CliRun.of("report", "--model", results.get(best).model(), "--tune", halved.toString(),
                "--out", report.toString());
        assertEquals(0, reported.exitCode(), reported.toString());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("rung 2") && html.contains("stopped at rung 1"), html);
        TuneResult stopped = atFirstRung.get(8);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.2f %%", 100 * stopped.rungAccuracies().get(0))),
                "the last one's accuracy at rung 1");
    }

    private static CliRun random(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--train", images.toString(), "--test", images.toString(),
                "--out", out.toString(), "--patience", "0"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * --samples draws configurations within the ranges, the same ones again for the same
     * seed; drawn with halving, they go through the rungs.
     */
    @Test
    void randomConfigurationsComeFromTheRangesTheSameForTheSameSeed() throws Exception {
        String[] ranges = {"--samples", "6", "--depth", "1..2", "--hidden-range", "4..40", "--learning-rate-range",
            "1e-3..1e-2", "--epochs", "3"};
        List<String> first = new ArrayList<>(List.of("--search", "random"));
        first.addAll(List.of(ranges));
        CliRun drawn = random(dir.resolve("random"), first.toArray(String[]::new));
        assertEquals(0, drawn.exitCode(), drawn.toString());
        Map<String, TuneResult> results = results(dir.resolve("random"));
        assertEquals(6, results.size());
        for (TuneResult r : results.values()) {
            String[] widths = r.hidden().split(",");
            assertTrue(widths.length >= 1 && widths.length <= 2, r.hidden());
            for (String width : widths) {
                assertTrue(Integer.parseInt(width) >= 4 && Integer.parseInt(width) <= 40, r.hidden());
            }
            assertTrue(r.learningRate() >= 1e-3 && r.learningRate() <= 1e-2, r.name());
            assertEquals(new java.math.BigDecimal(r.learningRate()).round(new java.math.MathContext(3)).doubleValue(),
                    r.learningRate(), r.name());
            assertEquals(TuneResult.OK, r.status(), r.name());
            assertEquals(3, r.epochs());
        }
        List<String> halvingArgs = new ArrayList<>(List.of("--search", "halving", "--min-epochs", "1"));
        halvingArgs.addAll(List.of(ranges));
        CliRun halved = random(dir.resolve("halved"), halvingArgs.toArray(String[]::new));
        assertEquals(0, halved.exitCode(), halved.toString());
        Map<String, TuneResult> rungs = results(dir.resolve("halved"));
        assertEquals(results.keySet(), rungs.keySet(), "the same draws for the same seed");
        assertEquals(4, rungs.values().stream().filter(r -> TuneResult.STOPPED.equals(r.status())).count());
        assertEquals(2, rungs.values().stream().filter(TuneResult::ok).count());
    }

    @Test
    void randomSearchOptionsAreChecked() {
        String[][] cases = {
            {"--search", "random", "--hidden", "8", "--search random: needs --samples N"},
            {"--search", "grid", "--samples", "3", "--samples: expected with --search random or halving"},
            {"--search", "random", "--samples", "3", "--hidden", "8", "--hidden: expected it or --samples, found both"},
            {"--search", "random", "--samples", "3", "--hidden-range", "8-256", "--hidden-range: expected a range "
                + "MIN..MAX of whole numbers within 1..4096, found '8-256'"},
            {"--search", "random", "--samples", "3", "--learning-rate-range", "0.01..0.001", "--learning-rate-range: "
                + "expected a range MIN..MAX of positive numbers, e.g. 1e-4..1e-2, found '0.01..0.001'"},
            {"--search", "random", "--samples", "3", "--depth", "0..2", "--depth: expected a range MIN..MAX of whole "
                + "numbers within 1..10, found '0..2'"},
            {"--search", "random", "--samples", "40", "--depth", "1..1", "--hidden-range", "5..6",
                "--learning-rates", "0.003", "--samples 40: expected that many different configurations, found only 2"},
            {"--search", "grid", "--hidden: expected the hidden sizes to try (or --samples N), found none"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad");
            CliRun run = random(out, java.util.Arrays.copyOf(c, c.length - 1));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.err().contains(c[c.length - 1]), run.err());
            assertTrue(Files.notExists(out), "nothing written");
        }
    }

    @Test
    void halvingNeedsASharedPassAndAValidationSplit() {
        CliRun concurrent = tune(dir.resolve("a"), "--search", "halving", "--mode", "concurrent");
        assertEquals(2, concurrent.exitCode(), concurrent.toString());
        assertEquals(1, concurrent.errLines().size(), concurrent.toString());
        assertTrue(concurrent.err().contains("--search halving: needs --mode shared-pass"), concurrent.err());
        CliRun noValidation = tune(dir.resolve("b"), "--search", "halving", "--validation-fraction", "0");
        assertEquals(2, noValidation.exitCode(), noValidation.toString());
        assertTrue(noValidation.err().contains("--validation-fraction above 0"), noValidation.err());
        CliRun unknown = tune(dir.resolve("c"), "--search", "bayes");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--search: expected one of grid, random, halving, found 'bayes'"), unknown.err());
        CliRun late = tune(dir.resolve("d"), "--search", "halving", "--min-epochs", "7");
        assertEquals(2, late.exitCode(), late.toString());
        assertTrue(late.err().contains("--min-epochs 7: expected at most --epochs, 6"), late.err());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("d")));
    }

    /**
     * On MNIST, a halving tuning killed (SIGKILL, a second JVM) after its first rung resumes
     * from its last rung with the same decisions: the same results as one never killed.
     */
    @Test
    void aTuningKilledAfterARungResumesWithTheSameResults() throws Exception {
        List<String> args = List.of("tune", "--mnist", MnistDir.require().toString(), "--hidden", "8 12 16 6,6 10,10 20",
                "--epochs", "4", "--patience", "0", "--search", "halving", "--min-epochs", "1", "--reduction", "2");
        Path whole = dir.resolve("whole");
        List<String> wholeArgs = new ArrayList<>(args);
        wholeArgs.addAll(List.of("--out", whole.toString()));
        CliRun uninterrupted = CliRun.of(wholeArgs.toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());

        Path killed = dir.resolve("killed");
        List<String> killedArgs = new ArrayList<>(args);
        killedArgs.addAll(List.of("--out", killed.toString()));
        Path log = dir.resolve("killed.log");
        Process process = OtherJvm.start(log, killedArgs);
        Path firstRung = killed.resolve("rungs").resolve("rung-1");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.isDirectory(firstRung) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(process.isAlive(), "the tuning was still going after its first rung: " + Files.readString(log));
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        CliRun resumed = CliRun.of(killedArgs.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("resuming after rung"), resumed.out());
        assertEquals(timeless(results(whole)), timeless(results(killed)));
        assertEquals(Files.readString(whole.resolve(Leaderboard.BEST)), Files.readString(killed.resolve(Leaderboard.BEST)));
    }

    /** The results without their wall times and model paths, the things a rerun may change. */
    private static Map<String, TuneResult> timeless(Map<String, TuneResult> results) {
        return results.values().stream().map(r -> new TuneResult(r.name(), r.hidden(), r.learningRate(),
                r.activation(), r.parameters(), r.status(), r.bestValidationAccuracy(), r.bestEpoch(), r.epochs(),
                r.testAccuracy(), 0, r.error(), r.model() == null ? null : Path.of(r.model()).getFileName().toString(),
                r.rung(), r.rungAccuracies())).collect(Collectors.toMap(TuneResult::name, Function.identity()));
    }
}
