package io.digitnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitnet.testing.CliRun;
import io.digitnet.testing.IdxFixtures;
import io.digitnet.testing.LocalSpark;
import io.digitnet.tune.Leaderboard;
import io.digitnet.tune.TuneJob;
import io.digitnet.tune.TuneResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune through the command line, on small generated IDX data. */
class TuneCommandTest {
    /** Four configurations, two hidden sizes x two learning rates: those with 1e6 diverge. */
    private static final String[] GRID = {"--hidden", "6 8,4", "--learning-rates", "0.003,1000000", "--epochs", "3",
        "--patience", "0"};

    static SparkSession spark;
    static Path images;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(TuneCommandTest.class);
        images = IdxFixtures.writePair(shared, "small", 400, 51, true);
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    private static CliRun tune(Path out, String mode, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--train", images.toString(), "--test", images.toString(),
                "--out", out.toString(), "--mode", mode));
        args.addAll(List.of(GRID));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<String, TuneResult> results(Path out) {
        return TuneJob.recorded(spark.sparkContext().hadoopConfiguration(), out.toString()).stream()
                .collect(Collectors.toMap(TuneResult::name, Function.identity()));
    }

    @Test
    void aDivergingRunIsRecordedAndTheOthersFinishWithModelsAndALeaderboard() throws Exception {
        Path out = dir.resolve("tune");
        CliRun run = tune(out, "shared-pass");
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, TuneResult> results = results(out);
        assertEquals(4, results.size(), results.keySet().toString());
        TuneResult diverged = results.get("h6_lr1000000.0_sigmoid");
        assertEquals(TuneResult.DIVERGED, diverged.status());
        assertTrue(diverged.error().contains("training diverged"), diverged.error());
        assertNull(diverged.model());
        TuneResult ok = results.get("h8-4_lr0.003_sigmoid");
        assertEquals(TuneResult.OK, ok.status());
        assertEquals(3, ok.epochs());
        assertEquals(784 * 8 + 8 + 8 * 4 + 4 + 4 * 10 + 10, ok.parameters(), "weights and biases of 784,8,4,10");
        assertTrue(Files.isRegularFile(Path.of(ok.model(), "model.json")));

        String best = Files.readString(out.resolve(Leaderboard.BEST)).strip();
        assertTrue(results.get(best).ok(), best);
        String markdown = Files.readString(out.resolve(Leaderboard.MARKDOWN));
        assertTrue(markdown.contains("**" + best + "** (best)"), markdown);
        assertTrue(markdown.contains("diverged: epoch 1: training diverged"), markdown);
        List<Row> rows = spark.read().parquet(out.resolve(Leaderboard.PARQUET).toString()).collectAsList();
        assertEquals(4, rows.size());
        assertEquals(1, rows.stream().filter(r -> r.getBoolean(r.fieldIndex("best"))).count());
        assertTrue(run.out().contains("tune: best " + best), run.out());

        // The best model loads and scores.
        CliRun evaluate = CliRun.of("evaluate", "--model", out.resolve("models").resolve(best).toString(),
                "--data", images.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.out().startsWith(String.format("accuracy %.4f", results.get(best).testAccuracy())),
                evaluate.out());
    }

    @Test
    void aResumedTuningTrainsOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("tune");
        assertEquals(0, tune(out, "sequential").exitCode());
        Map<String, TuneResult> first = results(out);
        Files.delete(out.resolve(TuneJob.RUNS).resolve("h8-4_lr0.003_sigmoid.json")); // as if killed during it

        CliRun again = tune(out, "sequential");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("4 configurations, 3 finished before, 1 to train"), again.out());
        assertEquals(timeless(first), timeless(results(out)), "the same results: training is deterministic");

        CliRun otherSettings = tune(out, "sequential", "--seed", "2");
        assertEquals(2, otherSettings.exitCode(), otherSettings.toString());
        assertEquals(1, otherSettings.errLines().size(), otherSettings.toString());
        assertTrue(otherSettings.err().contains("other settings"), otherSettings.err());
    }

    /** The results with their wall times set to 0, the one thing a rerun may change. */
    private static Map<String, TuneResult> timeless(Map<String, TuneResult> results) {
        return results.values().stream().map(r -> new TuneResult(r.name(), r.hidden(), r.learningRate(),
                r.activation(), r.parameters(), r.status(), r.bestValidationAccuracy(), r.bestEpoch(), r.epochs(),
                r.testAccuracy(), 0, r.error(), r.model(), r.rung(), r.rungAccuracies())).collect(Collectors.toMap(TuneResult::name,
                Function.identity()));
    }

    @Test
    void allThreeModesGiveTheSameLeaderboard() throws Exception {
        Map<String, TuneResult> sequential = results(run("sequential"));
        // The scheduler pool of every Spark job the concurrent tuning starts.
        Set<String> pools = ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                pools.add(String.valueOf(job.properties().getProperty("spark.scheduler.pool")));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        for (String mode : List.of("concurrent", "shared-pass")) {
            Map<String, TuneResult> other = results(run(mode));
            if (mode.equals("concurrent")) {
                spark.sparkContext().listenerBus().waitUntilEmpty();
                spark.sparkContext().removeSparkListener(listener);
                for (String name : sequential.keySet()) {
                    assertTrue(pools.contains("tune " + name), "a pool of its own for " + name + ": " + pools);
                }
            }
            for (TuneResult expected : sequential.values()) {
                TuneResult actual = other.get(expected.name());
                assertEquals(expected.status(), actual.status(), mode + " " + expected.name());
                assertEquals(expected.bestValidationAccuracy(), actual.bestValidationAccuracy(), mode);
                assertEquals(expected.bestEpoch(), actual.bestEpoch(), mode);
                assertEquals(expected.testAccuracy(), actual.testAccuracy(), mode);
                assertEquals(expected.epochs(), actual.epochs(), mode);
            }
        }
    }

    private Path run(String mode) {
        Path out = dir.resolve(mode);
        CliRun run = tune(out, mode, "--parallelism", "3");
        assertEquals(0, run.exitCode(), run.toString());
        return out;
    }

    @Test
    void keepBestRemovesTheOtherModelsButNotTheirResults() throws Exception {
        Path out = dir.resolve("tune");
        assertEquals(0, tune(out, "shared-pass", "--keep-best", "1").exitCode());
        Map<String, TuneResult> results = results(out);
        assertEquals(4, results.size());
        List<TuneResult> withModels = results.values().stream().filter(r -> r.model() != null).toList();
        assertEquals(1, withModels.size(), results.toString());
        assertEquals(Files.readString(out.resolve(Leaderboard.BEST)).strip(), withModels.get(0).name());
        try (var models = Files.list(out.resolve(TuneJob.MODELS))) {
            assertEquals(List.of(withModels.get(0).name()),
                    models.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList());
        }
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() throws Exception {
        for (String[] bad : new String[][] {
            {"--hidden", "16,x"}, {"--hidden", "16 0"}, {"--mode", "parallel"}, {"--activations", "sigmoid,swish"},
            {"--parallelism", "0"}}) {
            List<String> args = new ArrayList<>(List.of("tune", "--train", images.toString(), "--out",
                    dir.resolve("bad").toString(), "--hidden", "8"));
            args.addAll(List.of(bad));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(1, run.errLines().size(), run.toString());
            assertTrue(run.err().contains(bad[0]), run.toString());
            assertFalse(Files.exists(dir.resolve("bad")), "nothing written for " + String.join(" ", bad));
        }
        for (String[] bad : new String[][] {
            {"--learning-rates", "0.003,NaN", "--learning-rates: expected a positive number, found NaN"},
            {"--learning-rates", "-1", "--learning-rates: expected a positive number, found -1.0"},
            {"--epochs", "0", "--epochs: expected 1 or more, found 0"},
            {"--batch-size", "0", "--batch-size: expected 1 or more, found 0"},
            {"--partitions", "0", "--partitions: expected 1 or more, found 0"},
            {"--validation-fraction", "NaN", "--validation-fraction: expected 0 <= f < 1, found NaN"},
            // tune's networks take the 784 pixels as train's do; only the hidden layers are tuned
            {"--layers", "100,16,10", "Unknown options: '--layers', '100,16,10' (see --help)"}}) {
            CliRun run = CliRun.of("tune", "--train", images.toString(), "--out", dir.resolve("bad").toString(),
                    "--hidden", "8", bad[0], bad[1]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(List.of("digitnet tune: " + bad[2]), run.errLines());
            assertFalse(Files.exists(dir.resolve("bad")), "nothing written for " + String.join(" ", bad));
        }
        Path notATuning = Files.createDirectories(dir.resolve("other"));
        Files.writeString(notATuning.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("tune", "--train", images.toString(), "--out", notATuning.toString(), "--hidden", "8");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not a tuning folder"), run.toString());
        assertNotNull(Files.readString(notATuning.resolve("notes.txt")));
    }
}
